//! Paragraph and sentence segmentation over byte offsets into a body.
//!
//! Evidence points at sentences by offset, so both functions return spans
//! (UTF-8 byte offsets on char boundaries) into the body they were given,
//! never copies. Rule-based and deliberately conservative, tuned for wire
//! copy:
//!
//! * a paragraph is a non-blank line (parsed bodies have one paragraph per
//!   line), and a sentence never crosses a paragraph;
//! * a sentence ends at `.`, `!`, `?` or `…` (runs such as `?!` or `...`
//!   included), optionally followed by closing quotes/brackets, then
//!   whitespace, then an uppercase letter, digit or opening quote/bracket;
//! * no split after title-like abbreviations that precede a name or number
//!   (`Gen.`, `Lt.`, `Mr.`, `Dr.`, `Sen.`, `St.`, `No.`, `vs.`, `e.g.`,
//!   `i.e.` ...) nor after a single capital initial (`John F. Kennedy`);
//! * after abbreviations that can also end a sentence (`U.S.`, `U.K.`,
//!   `U.N.`, `E.U.` and any dotted initialism, `a.m.`, `p.m.`, `Jr.`, `Sr.`,
//!   `Inc.`, `Corp.`, `Co.`, `Ltd.`, `etc.`, month abbreviations), and after
//!   an ellipsis, split only when the next word is a typical sentence starter
//!   ([`STARTERS`]: "The", "It", "He", "But", ...): "new U.S. sanctions" and
//!   "12:01 a.m. Monday" stay whole, "... imposed by the U.S. The move"
//!   splits;
//! * decimals (`2.5`, `$1.5`) never split because no whitespace follows the
//!   dot.

/// One sentence of a body: `&body[start..end]`, trimmed of surrounding
/// whitespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// Index of the paragraph (as returned by [`paragraphs`]) it lies in.
    pub paragraph: usize,
}

/// Abbreviations that (almost) never end a sentence: a name or number follows.
const NEVER_END: &[&str] = &[
    "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Adm", "Brig", "Cmdr", "Cpl", "Pvt", "Mr", "Mrs",
    "Ms", "Messrs", "Dr", "Prof", "Sen", "Sens", "Rep", "Reps", "Gov", "Pres", "Rev", "Hon", "St",
    "Mt", "Ft", "No", "Nos", "vs", "e.g", "i.e", "approx", "Vol", "Art", "Fig",
];

/// Abbreviations that can also end a sentence: split only before a starter.
const MAY_END: &[&str] = &[
    "Jr", "Sr", "Inc", "Corp", "Co", "Ltd", "Bros", "etc", "Jan", "Feb", "Mar", "Apr", "Aug",
    "Sept", "Sep", "Oct", "Nov", "Dec",
];

/// Words that typically open a sentence; after an ambiguous abbreviation
/// (`U.S.`, `a.m.`, `Inc.` ...) or an ellipsis, a split needs one of these.
pub const STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "It",
    "Its",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Their",
    "Our",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Here",
    "In",
    "On",
    "At",
    "By",
    "For",
    "From",
    "With",
    "As",
    "After",
    "Before",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "If",
    "When",
    "While",
    "Since",
    "Although",
    "Though",
    "However",
    "Meanwhile",
    "Earlier",
    "Later",
    "Also",
    "Some",
    "Many",
    "Most",
    "Several",
    "Both",
    "All",
    "Officials",
    "According",
    "Under",
    "During",
    "Despite",
    "Separately",
    "Still",
    "Such",
    "Other",
    "Neither",
    "Nor",
    "What",
    "Who",
    "Why",
    "How",
];

const TERMINATORS: &[char] = &['.', '!', '?', '…'];
const CLOSERS: &[char] = &['"', '\'', ')', ']', '”', '’', '»'];
const OPENERS: &[char] = &['"', '\'', '(', '[', '“', '‘', '«'];

/// Byte spans of the paragraphs of `body`: its non-blank lines, trimmed.
pub fn paragraphs(body: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in body.split('\n') {
        let lead = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let start = offset + lead;
            out.push((start, start + trimmed.len()));
        }
        offset += line.len() + 1;
    }
    out
}

/// Every non-blank sentence of `body`, in order, non-overlapping, as spans
/// into `body` (see the module docs for the rules).
pub fn sentences(body: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (paragraph, (ps, pe)) in paragraphs(body).into_iter().enumerate() {
        let text = &body[ps..pe];
        for (s, e) in split_paragraph(text) {
            out.push(Sentence {
                start: ps + s,
                end: ps + e,
                paragraph,
            });
        }
    }
    out
}

static ELLIPSIS: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("…"));

/// Sentence spans (relative to `p`) of one paragraph.
///
/// Works on byte offsets (no per-paragraph `Vec<char>`): terminators are
/// found with a byte search, and the short runs after them are decoded in
/// place.
fn split_paragraph(p: &str) -> Vec<(usize, usize)> {
    let bytes = p.as_bytes();
    let n = p.len();
    // The byte offset after the run of chars from `j` that satisfy `f`.
    let skip = |mut j: usize, f: fn(char) -> bool| {
        for c in p[j..].chars() {
            if !f(c) {
                break;
            }
            j += c.len_utf8();
        }
        j
    };
    let mut spans = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    // where the next '…' is (searched again only once passed): curly quotes
    // share its first byte, so it is looked for as a whole
    let ellipsis = &*ELLIPSIS;
    let mut next_ellipsis = ellipsis.find(bytes).unwrap_or(n);
    while i < n {
        // Next terminator: '.', '!', '?', or '…' (both on char boundaries).
        if next_ellipsis < i {
            next_ellipsis = ellipsis.find(&bytes[i..]).map_or(n, |o| i + o);
        }
        let stop = memchr::memchr3(b'.', b'!', b'?', &bytes[i..])
            .map_or(n, |o| i + o)
            .min(next_ellipsis);
        if stop >= n {
            break;
        }
        i = stop;
        let term_end = skip(i, |c| TERMINATORS.contains(&c));
        let end = skip(term_end, |c| CLOSERS.contains(&c));
        let next = skip(end, char::is_whitespace);
        let opens_sentence = next < n
            && next > end
            && p[next..]
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || OPENERS.contains(&c));
        if opens_sentence && is_boundary(p, i, &p[i..term_end], &p[next..]) {
            push_trimmed(&mut spans, p, start, end);
            start = next;
            i = next;
        } else {
            i = term_end;
        }
    }
    push_trimmed(&mut spans, p, start, p.len());
    spans
}

/// Whether the terminator run `term` at byte `at` of `p` ends a sentence,
/// given the text `next` that follows the whitespace.
fn is_boundary(p: &str, at: usize, term: &str, next: &str) -> bool {
    if term.contains(['!', '?']) {
        return true;
    }
    if term.contains('…') || term.len() > 1 {
        // Ellipsis: inside a sentence unless a clear new sentence follows.
        return starts_with_starter(next);
    }
    let token = word_before(&p[..at]);
    if token.is_empty() {
        return true;
    }
    if NEVER_END.contains(&token) {
        return false;
    }
    let mut chars = token.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_uppercase()
    {
        // A single capital initial: "John F. Kennedy".
        return false;
    }
    if MAY_END.contains(&token) || is_dotted_initialism(token) {
        return starts_with_starter(next);
    }
    true
}

/// The word right before a terminator, without leading opening punctuation.
fn word_before(s: &str) -> &str {
    let start = s
        .rfind(|c: char| c.is_whitespace() || OPENERS.contains(&c) || c == '-' || c == '/')
        .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
    &s[start..]
}

/// `U.S`, `a.m`, `D.C`, `U.N`: single letters joined by dots (the final dot
/// is the terminator).
fn is_dotted_initialism(token: &str) -> bool {
    let mut parts = 0;
    for part in token.split('.') {
        let mut cs = part.chars();
        match (cs.next(), cs.next()) {
            (Some(c), None) if c.is_alphabetic() => parts += 1,
            _ => return false,
        }
    }
    parts >= 2
}

/// Whether `next` opens with a typical sentence-starting word.
fn starts_with_starter(next: &str) -> bool {
    let rest = next.trim_start_matches(OPENERS);
    let word_end = rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len());
    STARTERS.contains(&&rest[..word_end])
}

fn push_trimmed(spans: &mut Vec<(usize, usize)>, p: &str, start: usize, end: usize) {
    if start >= end {
        return;
    }
    let s = &p[start..end];
    let trimmed = s.trim();
    if trimmed.is_empty() {
        return;
    }
    let lead = s.len() - s.trim_start().len();
    spans.push((start + lead, start + lead + trimmed.len()));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(body: &str) -> Vec<&str> {
        sentences(body)
            .iter()
            .map(|s| &body[s.start..s.end])
            .collect()
    }

    #[test]
    fn basic_split_and_offsets_round_trip() {
        let body = "Russia struck Kharkiv. Ten were hurt! Why? Nobody knows.";
        let ss = sentences(body);
        assert_eq!(
            texts(body),
            vec![
                "Russia struck Kharkiv.",
                "Ten were hurt!",
                "Why?",
                "Nobody knows."
            ]
        );
        assert_eq!(ss[1].start, 23);
        assert_eq!(&body[ss[1].start..ss[1].end], "Ten were hurt!");
        assert!(ss.windows(2).all(|w| w[0].end <= w[1].start));
    }

    #[test]
    fn paragraphs_are_boundaries() {
        let body = "  First para no stop\n\nSecond para. Two sentences.  \n";
        assert_eq!(paragraphs(body), vec![(2, 20), (22, 49)]);
        let ss = sentences(body);
        assert_eq!(
            texts(body),
            vec!["First para no stop", "Second para.", "Two sentences."]
        );
        assert_eq!(
            ss.iter().map(|s| s.paragraph).collect::<Vec<_>>(),
            vec![0, 1, 1]
        );
    }

    #[test]
    fn titles_never_split() {
        for t in [
            "Gen.", "Lt.", "Col.", "Maj.", "Capt.", "Sgt.", "Adm.", "Mr.", "Mrs.", "Ms.", "Dr.",
            "Prof.", "Sen.", "Rep.", "Gov.", "Pres.", "St.",
        ] {
            let body = format!("They met {t} Smith in Kyiv. He left.");
            assert_eq!(
                texts(&body),
                vec![format!("They met {t} Smith in Kyiv.").as_str(), "He left."],
                "{t}"
            );
        }
        assert_eq!(
            texts("World No. 1 Jannik Sinner agreed. It ended."),
            vec!["World No. 1 Jannik Sinner agreed.", "It ended."]
        );
        assert_eq!(
            texts("It was Ukraine vs. Russia in the final. They won."),
            vec!["It was Ukraine vs. Russia in the final.", "They won."]
        );
    }

    #[test]
    fn ambiguous_abbreviations_split_only_before_starters() {
        assert_eq!(
            texts("New U.S. sanctions hit. U.K. President Trump spoke."),
            vec!["New U.S. sanctions hit.", "U.K. President Trump spoke."]
        );
        assert_eq!(
            texts("Sanctions came from the U.S. The EU followed."),
            vec!["Sanctions came from the U.S.", "The EU followed."]
        );
        for t in ["U.S.", "U.K.", "U.N.", "E.U."] {
            let body = format!("It was backed by the {t} Security Council members agreed.");
            assert_eq!(texts(&body).len(), 1, "{t}");
            let body = format!("It was backed by the {t} But nothing changed.");
            assert_eq!(texts(&body).len(), 2, "{t}");
        }
        assert_eq!(
            texts("The strike began at 12:01 a.m. Monday in St. Louis. It goes on."),
            vec![
                "The strike began at 12:01 a.m. Monday in St. Louis.",
                "It goes on."
            ]
        );
        assert_eq!(texts("It ends at 5 p.m. The talks resume.").len(), 2);
        for t in ["Inc.", "Corp.", "Co.", "Ltd.", "Jr.", "Sr."] {
            let body = format!("Acme {t} Chairman Bob Smith resigned.");
            assert_eq!(texts(&body).len(), 1, "{t}");
            let body = format!("He sold it to Acme {t} The deal closed.");
            assert_eq!(texts(&body).len(), 2, "{t}");
        }
        assert_eq!(
            texts("It bought pens, paper, etc. and ink. Then it left."),
            vec!["It bought pens, paper, etc. and ink.", "Then it left."]
        );
    }

    #[test]
    fn months_before_numbers_do_not_split() {
        for m in [
            "Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.",
        ] {
            let body = format!("The rules run until {m} 31, 2026. They may be extended.");
            assert_eq!(
                texts(&body),
                vec![
                    format!("The rules run until {m} 31, 2026.").as_str(),
                    "They may be extended."
                ],
                "{m}"
            );
        }
    }

    #[test]
    fn latin_abbreviations_do_not_split() {
        assert_eq!(
            texts("Some parts, e.g. Patriot interceptors, came. Others did not.").len(),
            2
        );
        assert_eq!(
            texts("The cap, i.e. The price ceiling, fell. It was lowered.").len(),
            2
        );
    }

    #[test]
    fn initials_and_decimals() {
        assert_eq!(
            texts("John F. Kennedy visited Berlin. He spoke."),
            vec!["John F. Kennedy visited Berlin.", "He spoke."]
        );
        assert_eq!(
            texts("The deal is worth $1.5 billion, up from 2.5 billion. Shares rose 3.2%."),
            vec![
                "The deal is worth $1.5 billion, up from 2.5 billion.",
                "Shares rose 3.2%."
            ]
        );
    }

    #[test]
    fn quotes_and_brackets() {
        assert_eq!(
            texts("\"We are ready.\" Zelenskyy said so. (It was late.) \"Next,\" he said."),
            vec![
                "\"We are ready.\"",
                "Zelenskyy said so.",
                "(It was late.)",
                "\"Next,\" he said."
            ]
        );
        assert_eq!(
            texts("He called it \u{201C}unprecedented.\u{201D} In Kharkiv, a girl died."),
            vec![
                "He called it \u{201C}unprecedented.\u{201D}",
                "In Kharkiv, a girl died."
            ]
        );
        assert_eq!(
            texts("Is it over?! 114 drones were downed."),
            vec!["Is it over?!", "114 drones were downed."]
        );
    }

    #[test]
    fn ellipsis_inside_sentence() {
        assert_eq!(texts("We waited ... and waited. Then it came.").len(), 2);
        assert_eq!(
            texts("He said Moscow\u{2026} Kyiv and others. It ended."),
            vec!["He said Moscow\u{2026} Kyiv and others.", "It ended."]
        );
        assert_eq!(
            texts("We waited... The talks resumed."),
            vec!["We waited...", "The talks resumed."]
        );
    }

    #[test]
    fn lowercase_after_period_does_not_split() {
        assert_eq!(texts("Version 2. was out. it said.").len(), 1);
    }

    #[test]
    fn empty_and_blank() {
        assert!(sentences("").is_empty());
        assert!(sentences(" \n \n").is_empty());
        assert!(paragraphs("\n\n").is_empty());
        assert_eq!(texts(". . ."), vec![". . ."]);
    }

    #[test]
    fn multibyte_text_stays_on_char_boundaries() {
        let body = "Türkiye signs £8 billion deal. Élysée confirms… Ça va? Да.";
        for s in sentences(body) {
            assert!(body.is_char_boundary(s.start) && body.is_char_boundary(s.end));
            assert!(!body[s.start..s.end].trim().is_empty());
        }
        assert_eq!(texts(body).len(), 3);
    }
}
