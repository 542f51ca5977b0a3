//! Classification: from a story's text to labelled, primary-ranked events.
//!
//! Role: orchestration. One scan of the body with the rule automaton and one
//! with the gazetteer; then, sentence by sentence and clause by clause, each
//! category module (`diplomacy`, `sanctions`, `procurement`, `strike`) turns
//! its triggers into candidate events, `traps` cancels triggers whose context
//! says they are something else (a labour strike, a doping sanction),
//! `modality` gives each one its status or drops it (negated, hypothetical,
//! historical, background), and the per-category `merge` folds repeated
//! mentions of the same event into one. `scoring` then applies the guide's
//! label rule and picks the primary.
//!
//! Pure: no I/O, no clock, no randomness; the same story always gives the
//! same result. Evidence offsets are sentence spans into the body, so
//! `&body[start..end] == evidence.sentence` holds by construction.

pub mod diplomacy;
pub mod modality;
pub mod procurement;
pub mod sanctions;
pub mod scoring;
pub mod strike;
pub mod traps;

use crate::gazetteer::{Gazetteer, Mention, PlaceKind};
use crate::model::{Category, CountryCode, EventSlots, Status, Story, Subtype};
use crate::rules::{Cue, Hit, Kind, LexiconId, RuleSet};

/// Stems of attendance words, read by [`Doc::attend_in`].
const ATTENDANCE_STEMS: LexiconId = LexiconId::named("modality.attendance_stems");

/// One sentence of the body being analysed, with the hits and mentions in it.
#[derive(Debug)]
pub struct Sent<'d> {
    /// Index among the story's sentences.
    pub idx: usize,
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
    /// Rule hits inside the sentence, by start.
    pub hits: &'d [Hit],
    /// Gazetteer mentions inside the sentence, by start.
    pub mentions: &'d [Mention],
    /// Clause spans, covering the sentence.
    pub clauses: Vec<(usize, usize)>,
    /// Whether a trap phrase is among `hits`.
    pub traps: bool,
    /// Whether a cancellation cue phrase (`Denied`) is among `hits`: most
    /// sentences have none, and need no [`Sent::denial_index`].
    pub denied_cues: bool,
    /// The trap and `unless` phrases among `hits`, indexed on first use (see
    /// [`traps::blocked`]): a sentence may hold thousands of triggers, and
    /// rescanning its hits for each one is quadratic in its length.
    pub trap_index: std::cell::OnceCell<traps::SentTraps>,
    /// The cancellation cues and triggers among `hits`, indexed on first use
    /// (see [`modality::status_of`]), for the same reason.
    pub denial_index: std::cell::OnceCell<modality::Denials>,
}

impl Sent<'_> {
    /// The clause holding byte `pos` (clauses are sorted and disjoint: a
    /// binary search, not a scan, as a sentence may have many).
    pub fn clause_of(&self, pos: usize) -> (usize, usize) {
        let i = self.clauses.partition_point(|&(s, _)| s <= pos);
        i.checked_sub(1)
            .map(|i| self.clauses[i])
            .filter(|&(s, e)| s <= pos && pos < e)
            .unwrap_or((self.start, self.end))
    }

    /// The hits starting in `[s, e]`, by start: a superset of
    /// [`Sent::hits_in`] found by binary search (`hits` is sorted by start),
    /// so a span costs its own hits, not the sentence's.
    pub fn hits_near(&self, s: usize, e: usize) -> &[Hit] {
        let a = self.hits.partition_point(|h| h.start < s);
        let b = self.hits.partition_point(|h| h.start <= e);
        &self.hits[a..b.max(a)]
    }

    /// Hits inside `[s, e)`.
    pub fn hits_in(&self, s: usize, e: usize) -> impl Iterator<Item = &Hit> {
        self.hits_near(s, e)
            .iter()
            .filter(move |h| h.start >= s && h.end <= e)
    }

    /// Mentions inside `[s, e)`.
    pub fn mentions_in(&self, s: usize, e: usize) -> &[Mention] {
        let a = self.mentions.partition_point(|m| m.start < s);
        let b = self.mentions.partition_point(|m| m.start < e);
        let slice = &self.mentions[a..b.max(a)];
        let keep = slice.iter().take_while(|m| m.end <= e).count();
        &slice[..keep]
    }
}

/// Everything known about the story being analysed.
#[derive(Debug)]
pub struct Doc<'a> {
    pub rules: &'a RuleSet,
    /// The normalised body (`text::normalize`): its only whitespace is ' '
    /// and '\n', so its words are split with the byte-wise
    /// `split_ascii_whitespace`, exact here and cheaper than the Unicode one.
    pub body: &'a str,
    /// `body` lower-cased (ASCII only): same length, same byte offsets and
    /// char boundaries, so `&lower[a..b]` is `body[a..b]` lower-cased.
    pub lower: String,
    /// Every year written in the body, by offset
    /// (`extract::numbers::years` over the whole body), found on first use:
    /// read it with [`Doc::years`].
    pub years: std::cell::OnceCell<Vec<(i32, usize)>>,
    pub hits: Vec<Hit>,
    pub mentions: Vec<Mention>,
    /// Traps active for the whole story (scope = "story").
    pub story_traps: Vec<bool>,
    /// Whether any of `story_traps` is active.
    pub any_story_trap: bool,
    /// Year the story is from: its `published_at` year, else the rules'
    /// reference year.
    pub year: i32,
    /// A memo byte per mention: facts that depend only on the body and the
    /// mention (`extract::actors::Fact`; see [`Doc::locs`]).
    pub mention_memo: Vec<std::cell::Cell<u8>>,
    /// Where words of `modality.attendance_stems` start in `lower` (the
    /// space before, the stem's end), filled on first use (see
    /// [`Doc::attend_in`]).
    pub attend: std::cell::OnceCell<Vec<(usize, usize)>>,
    /// The codes of the mentions that name more than a city or region,
    /// filled on first use (see [`Doc::names_beyond_places`]).
    pub beyond_places: std::cell::OnceCell<rustc_hash::FxHashSet<CountryCode>>,
    /// The one country all the story's known towns and regions lie in,
    /// filled on first use (see [`Doc::land_country`]).
    pub land: std::cell::OnceCell<Option<CountryCode>>,
}

impl Doc<'_> {
    /// The body with the memo of which mentions are locations.
    pub fn locs(&self) -> crate::extract::actors::Locations<'_> {
        crate::extract::actors::Locations::new(
            self.rules,
            self.body,
            &self.mentions,
            &self.mention_memo,
        )
    }

    /// Whether mention `m` is used as a location in the body
    /// (`extract::actors::is_location`, memoised for the story's mentions).
    pub fn is_location(&self, m: &Mention) -> bool {
        self.locs().is_location(m)
    }

    /// Whether some mention with code `code` is not a city or region:
    /// `mentions.iter().any(..)` found once per story, not once per event
    /// (a long story has thousands of both).
    pub fn names_beyond_places(&self, code: CountryCode) -> bool {
        self.beyond_places
            .get_or_init(|| {
                self.mentions
                    .iter()
                    .filter(|m| {
                        !matches!(
                            m.kind,
                            crate::gazetteer::PlaceKind::City | crate::gazetteer::PlaceKind::Region
                        )
                    })
                    .filter_map(|m| m.code)
                    .collect()
            })
            .contains(&code)
    }

    /// The country of a place the gazetteer does not know ("the village of
    /// Beit Ana"): the one country that every town, city and region the
    /// story names as a location lies in, or `None` when they lie in
    /// several or there are none. A reader places an unknown village by the
    /// places around it; a story that moves between countries gives no
    /// answer.
    pub fn land_country(&self) -> Option<CountryCode> {
        *self.land.get_or_init(|| {
            let mut codes = self
                .mentions
                .iter()
                .filter(|m| {
                    matches!(
                        m.kind,
                        crate::gazetteer::PlaceKind::City | crate::gazetteer::PlaceKind::Region
                    ) && self.is_location(m)
                })
                .filter_map(|m| m.code);
            let first = codes.next()?;
            codes.all(|c| c == first).then_some(first)
        })
    }

    /// Every year written in the body, by offset.
    pub fn years(&self) -> &[(i32, usize)] {
        self.years
            .get_or_init(|| crate::extract::numbers::years(self.body, 0, self.body.len()))
    }

    /// Where the first word starting with a stem of
    /// `modality.attendance_stems` ("attend": attends, attended,
    /// attendance) begins in `self.lower[s..e]`, as the offset into the body
    /// of the space before it. The story's matches are found once and
    /// sorted, so the first inside the span is the first match of the span.
    pub fn attend_in(&self, s: usize, e: usize) -> Option<usize> {
        let stems = self.rules.lexicon(ATTENDANCE_STEMS).entries();
        let all = self.attend.get_or_init(|| {
            let lower = self.lower.as_bytes();
            let mut all: Vec<(usize, usize)> = stems
                .iter()
                .flat_map(|stem| {
                    memchr::memmem::find_iter(lower, stem.as_bytes())
                        .filter(|&p| p > 0 && lower[p - 1] == b' ')
                        .map(|p| (p - 1, p + stem.len()))
                })
                .collect();
            all.sort_unstable();
            all
        });
        let i = all.partition_point(|&(p, _)| p < s);
        all.get(i).filter(|&&(_, end)| end <= e).map(|&(p, _)| p)
    }
}

/// A candidate event, before merging.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub category: Category,
    pub subtype: Subtype,
    pub status: Status,
    /// A flat negation ("no talks are scheduled"): listed, but gives no label.
    pub flat_negation: bool,
    pub slots: EventSlots,
    /// The evidence sentence span.
    pub sentence: (usize, usize),
    /// Byte offset of the trigger (earliest first for primary).
    pub trigger: usize,
    /// Evidence strength in (0, 1].
    pub weight: f64,
    /// Index of the sentence.
    pub sentence_idx: usize,
    /// The mention carries its own count ("intercepting 114 drones"): a
    /// separate tally, never folded into an earlier report.
    pub tally: bool,
}

/// The result of classifying one story (before codes are attached).
#[derive(Debug, Clone)]
pub struct Found {
    pub events: Vec<Candidate>,
    /// Labels, in category order.
    pub labels: Vec<Category>,
    pub primary: Option<Category>,
    pub scores: [f64; 4],
}

/// Builds the sentence list: the body's sentences, clipped to the body, with
/// a fallback of one sentence for a body the segmenter returns nothing for.
fn sentence_spans(body: &str) -> Vec<(usize, usize, usize)> {
    let mut out: Vec<(usize, usize, usize)> = crate::text::sentences(body)
        .into_iter()
        .filter(|s| {
            s.start < s.end
                && s.end <= body.len()
                && body.is_char_boundary(s.start)
                && body.is_char_boundary(s.end)
        })
        .map(|s| (s.start, s.end, s.paragraph))
        .collect();
    if out.is_empty() && !body.trim().is_empty() {
        out.push((0, body.len(), 0));
    }
    out
}

/// A first line that is a headline: one short line without closing
/// punctuation, followed by more text. Its events are not extracted (the
/// body repeats them) but it decides the primary like a headline.
fn pseudo_headline(body: &str) -> Option<(usize, usize)> {
    let nl = body.find('\n')?;
    let line = body[..nl].trim_end();
    if line.is_empty() || body[nl..].trim().is_empty() {
        return None;
    }
    let words = line.split_ascii_whitespace().count();
    let last = line.chars().last()?;
    (words <= 25 && !matches!(last, '.' | '"' | '!' | '?' | ':' | ')' | '\''))
        .then_some((0, line.len()))
}

/// The byte offset of the first '-' or '—' among the first 60 chars of
/// `rest`: `rest.char_indices().take(60).find(..)`, by `memchr` over the
/// bytes those chars can span ('—' is E2 80 94, and E2 only starts a char).
fn first_dash(rest: &str) -> Option<usize> {
    const CHARS: usize = 60;
    let bytes = rest.as_bytes();
    let span = &bytes[..bytes.len().min(4 * CHARS)];
    let mut from = 0;
    loop {
        let p = from + memchr::memchr2(b'-', 0xE2, &span[from..])?;
        // (a byte offset below 60 is fewer than 60 chars)
        if p >= CHARS && rest[..p].chars().count() >= CHARS {
            return None;
        }
        if bytes[p] == b'-' || rest[p..].starts_with('—') {
            return Some(p);
        }
        from = p + 1;
    }
}

/// The byte end of a "WASHINGTON -" dateline at the start of a paragraph.
fn dateline_end(body: &str, para_start: usize) -> Option<usize> {
    let rest = &body[para_start..];
    let cut = first_dash(rest)?;
    let head = rest[..cut].trim();
    if head.is_empty() || head.len() < 3 {
        return None;
    }
    let upper = head
        .chars()
        .filter(|c| c.is_alphabetic())
        .take_while(|c| c.is_uppercase())
        .count();
    // just past the dash, whichever it is ("-" is one byte, "—" three;
    // normalised bodies only hold "-")
    let dash = rest[cut..]
        .chars()
        .next()
        .filter(|&c| c == '-' || c == '—')?;
    (upper >= 3).then_some(para_start + cut + dash.len_utf8())
}

fn year_of(published_at: Option<&str>) -> Option<i32> {
    let s = published_at?;
    s.get(0..4)?.parse().ok()
}

/// The year "this year" means in a story (what is history, what a bare
/// date falls in): its `published_at`, else the year its message reached
/// Kafka, else the rules' `reference_year` (stories read from files).
fn reference_year(story: &Story, fallback: i32) -> i32 {
    year_of(story.published_at.as_deref())
        .or_else(|| story.received_at_ms.map(crate::text::dates::utc_year))
        .unwrap_or(fallback)
}

/// Classifies a story: events, labels, scores, primary.
pub fn classify(rules: &RuleSet, gazetteer: &Gazetteer, story: &Story) -> Found {
    classify_in(rules, gazetteer, story, &[])
}

/// [`classify`], with the traps `inherited` (by index, as
/// `RuleSet::traps`) active for the whole story: a headline read on its own
/// keeps the context its body sets.
fn classify_in(rules: &RuleSet, gazetteer: &Gazetteer, story: &Story, inherited: &[bool]) -> Found {
    let body = story.body.as_str();
    let words = crate::text::words::words(body);
    let hits = rules.scan_words(body, &words);
    let mut mentions = gazetteer.find_words(body, &words);
    let spans = sentence_spans(body);
    // Mentions inside a "WASHINGTON -" dateline are where the reporter is,
    // not who acts.
    let mut para_starts: Vec<usize> = spans
        .iter()
        .filter(|s| s.0 == 0 || body[..s.0].ends_with('\n'))
        .map(|s| s.0)
        .collect();
    para_starts.dedup();
    let datelines: Vec<(usize, usize)> = para_starts
        .iter()
        .filter_map(|&p| dateline_end(body, p).map(|e| (p, e)))
        .collect();
    mentions.retain(|m| !datelines.iter().any(|&(s, e)| m.start >= s && m.end <= e));
    mentions.retain(|m| m.start < m.end && m.end <= body.len());
    mentions.sort_by_key(|m| (m.start, m.end));

    let headline_hits = story
        .headline
        .as_deref()
        .map(|h| rules.scan(h))
        .unwrap_or_default();
    let mut story_traps = vec![false; rules.traps.len()];
    for (t, &on) in inherited.iter().enumerate() {
        story_traps[t] |= on;
    }
    for h in hits.iter().chain(headline_hits.iter()) {
        if let Kind::Trap(t) = rules.entry(h).kind
            && rules.traps[t].story_scope
        {
            story_traps[t] = true;
        }
    }
    let mention_memo = vec![std::cell::Cell::new(0u8); mentions.len()];
    let doc = Doc {
        rules,
        body,
        lower: body.to_ascii_lowercase(),
        years: std::cell::OnceCell::new(),
        hits,
        mentions,
        any_story_trap: story_traps.contains(&true),
        story_traps,
        year: reference_year(story, rules.reference_year),
        mention_memo,
        attend: std::cell::OnceCell::new(),
        beyond_places: std::cell::OnceCell::new(),
        land: std::cell::OnceCell::new(),
    };
    let pseudo = if story.headline.is_none() {
        pseudo_headline(body)
    } else {
        None
    };

    let mut candidates: Vec<Candidate> = Vec::new();
    for (idx, &(start, end, paragraph)) in spans.iter().enumerate() {
        if pseudo.is_some_and(|(_, pe)| end <= pe + 1) {
            continue;
        }
        let a = doc.hits.partition_point(|h| h.start < start);
        let b = doc.hits.partition_point(|h| h.start < end);
        let hs = &doc.hits[a..b];
        let ma = doc.mentions.partition_point(|m| m.start < start);
        let mb = doc.mentions.partition_point(|m| m.start < end);
        let ms = &doc.mentions[ma..mb];
        // which categories have a trigger here at all: most sentences have
        // none, and skipping them is most of the engine's speed (one pass
        // over the hits for all the tests below)
        let mut has = [false; 4];
        let (mut attack, mut ship) = (false, false);
        let (mut force, mut assault, mut territory) = (false, false, false);
        let (mut casualty_words, mut unhurt_words) = (false, false);
        let (mut traps, mut denied_cues) = (false, false);
        for h in hs {
            match &rules.entry(h).kind {
                Kind::Trigger { category, .. } => has[category.index()] = true,
                Kind::Weapon { .. } | Kind::System(_) => has[Category::Strike.index()] = true,
                Kind::Attack => attack = true,
                Kind::Force => force = true,
                Kind::Assault => assault = true,
                Kind::Territory => territory = true,
                Kind::Context {
                    category: Category::Strike,
                } => ship = true,
                Kind::Killed | Kind::Injured => casualty_words = true,
                Kind::Unhurt => (casualty_words, unhurt_words) = (true, true),
                Kind::Trap(_) => traps = true,
                Kind::Cue(Cue::Denied) => denied_cues = true,
                _ => {}
            }
        }
        // "the Houthis attacked a bulk carrier": an attack verb with a ship;
        // "a Russian attack killed ...": an attack noun after its attacker
        if attack
            && (ship
                || ms.iter().any(|m| {
                    matches!(
                        m.kind,
                        PlaceKind::Country | PlaceKind::Demonym | PlaceKind::ArmedGroup
                    )
                }))
        {
            has[Category::Strike.index()] = true;
        }
        // an armed force assaulting or taking ground (strike's frames)
        // (an assault with an armed group: "battles between the army and the RSF")
        if (territory || assault) && (force || ms.iter().any(|m| m.kind == PlaceKind::ArmedGroup)) {
            has[Category::Strike.index()] = true;
        }
        // a casualty report right after an attack completes it; "No
        // casualties were reported" may come a few sentences later
        // (the previous attack is looked up only for casualty words)
        let strike_follow_up = casualty_words
            && candidates
                .iter()
                .rev()
                .find(|c| c.category == Category::Strike)
                .map(|c| c.sentence_idx)
                .is_some_and(|i| i + 1 == idx && casualty_words || idx <= i + 3 && unhurt_words);
        if !has.iter().any(|&x| x) && !strike_follow_up {
            continue;
        }
        let clauses = modality::clauses(&doc, start, end, hs);
        let sent = Sent {
            idx,
            start,
            end,
            paragraph,
            hits: hs,
            mentions: ms,
            clauses,
            traps,
            denied_cues,
            trap_index: std::cell::OnceCell::new(),
            denial_index: std::cell::OnceCell::new(),
        };
        if has[Category::Diplomacy.index()] {
            diplomacy::candidates(&doc, &sent, &mut candidates);
        }
        if has[Category::Sanctions.index()] {
            sanctions::candidates(&doc, &sent, &mut candidates);
        }
        if has[Category::Procurement.index()] {
            procurement::candidates(&doc, &sent, &mut candidates);
        }
        if has[Category::Strike.index()] || strike_follow_up {
            strike::candidates(&doc, &sent, &mut candidates);
        }
    }
    let mut events: Vec<Candidate> = Vec::new();
    for c in candidates {
        match c.category {
            Category::Diplomacy => diplomacy::merge(&mut events, c),
            Category::Sanctions => sanctions::merge(&mut events, c),
            Category::Procurement => procurement::merge(&mut events, c),
            Category::Strike => strike::merge(&mut events, c),
        }
    }
    strike::attribute_claims(&doc, &spans, &mut events);
    diplomacy::fold_declined(&mut events);
    diplomacy::drop_war_rhetoric(&mut events);
    procurement::systems_as_written(rules, body, &doc.hits, &mut events);
    let headline_span_hits: &[Hit] = match (&story.headline, pseudo) {
        (Some(_), _) => &headline_hits,
        // (hits are sorted by start: those starting in the first line, a
        // superset of the ones inside it, which suits a gate)
        (None, Some((_, e))) => &doc.hits[..doc.hits.partition_point(|h| h.start < e)],
        _ => &[],
    };
    // the categories the body reports no event of (a flat negation is none)
    let unreported =
        Category::ALL.map(|c| !events.iter().any(|e| e.category == c && !e.flat_negation));
    if may_add_events(rules, headline_span_hits, unreported) {
        let body_traps = traps::set_by_body(&doc, &spans);
        let mut read =
            headline_only_events(rules, gazetteer, story, pseudo, unreported, &body_traps);
        if story.headline.is_some() {
            // evidence points into the body (wire formats): an event of the
            // envelope's headline quotes the lead sentence under it
            let lead = spans.first().map_or((0, 0), |s| (s.0, s.1));
            for c in &mut read {
                (c.sentence, c.sentence_idx, c.trigger) = (lead, 0, lead.0);
            }
        }
        events.extend(read);
    }
    let headline: Option<(String, Vec<Hit>)> = match (&story.headline, pseudo) {
        (Some(h), _) => Some((h.clone(), headline_hits)),
        (None, Some((s, e))) => Some((
            body[s..e].to_string(),
            doc.hits.iter().filter(|h| h.end <= e).copied().collect(),
        )),
        _ => None,
    };
    scoring::finish(&doc, events, headline, &spans)
}

/// Whether a headline with these rule hits could give an event of a
/// category the body has none of: a category's recogniser runs only where
/// its triggers are (or, for strike, a weapon, a system, or an attack,
/// assault or territory word), so a headline without them adds nothing and
/// is not read a second time, which is most stories.
fn may_add_events(rules: &RuleSet, hits: &[Hit], unreported: [bool; 4]) -> bool {
    hits.iter().any(|h| match &rules.entry(h).kind {
        Kind::Trigger { category, .. } => unreported[category.index()],
        Kind::Weapon { .. } | Kind::System(_) | Kind::Attack | Kind::Assault | Kind::Territory => {
            unreported[Category::Strike.index()]
        }
        _ => false,
    })
}

/// The events a headline reports that the body does not repeat (event
/// guide: a story gets a category for any specific event it reports, and
/// its headline is what it is mainly about). The headline, or a first line
/// taken as one, is read like a story of its own, with the story's date;
/// its events count for a category the body has no event of (the body's
/// account is fuller wherever it has one), and it keeps the traps the body
/// sets ([`traps::set_by_body`]). A flat negation adds nothing. A first
/// line taken as a headline is the start of the body, so its events keep
/// their offsets; the caller gives an event of the envelope's headline the
/// body's lead sentence as evidence.
fn headline_only_events(
    rules: &RuleSet,
    gazetteer: &Gazetteer,
    story: &Story,
    pseudo: Option<(usize, usize)>,
    unreported: [bool; 4],
    body_traps: &[bool],
) -> Vec<Candidate> {
    let text = match (&story.headline, pseudo) {
        (Some(h), _) => h.clone(),
        (None, Some((s, e))) => story.body[s..e].to_string(),
        _ => return Vec::new(),
    };
    let alone = Story {
        id: String::new(),
        source: None,
        headline: None,
        dateline: None,
        published_at: story.published_at.clone(),
        received_at_ms: story.received_at_ms,
        language: None,
        body: text,
        format: story.format,
    };
    classify_in(rules, gazetteer, &alone, body_traps)
        .events
        .into_iter()
        .filter(|c| !c.flat_negation && unreported[c.category.index()])
        .collect()
}

/// The words of `lower` (the lower-cased body) before `pos`, nearest
/// first, trimmed of punctuation.
pub(crate) fn words_back(lower: &str, pos: usize) -> impl Iterator<Item = &str> {
    lower[..pos]
        .split_ascii_whitespace()
        .rev()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
}

/// The words of `lower` (the lower-cased body) from `pos` on, trimmed of
/// punctuation: [`words_back`] looking ahead.
pub(crate) fn words_after(lower: &str, pos: usize) -> impl Iterator<Item = &str> {
    lower[pos..]
        .split_ascii_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
}

/// Whether two values of one slot may belong to one event when candidates
/// merge: equal, or one of them unknown.
pub(crate) fn compatible<T: PartialEq>(a: &Option<T>, b: &Option<T>) -> bool {
    a.is_none() || b.is_none() || a == b
}

/// Whether the entry id of a hit is a trigger of `category`; returns its
/// subtype, default status and needs-context flag.
pub fn trigger_of(
    rules: &RuleSet,
    h: &Hit,
    category: Category,
) -> Option<(Subtype, Option<Status>, bool)> {
    match &rules.entry(h).kind {
        Kind::Trigger {
            category: c,
            subtype,
            status,
            needs_context,
            ..
        } if *c == category => Some((*subtype, *status, *needs_context)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pseudo_headline_detection() {
        assert_eq!(
            pseudo_headline("Missiles hit Dnipro\n\nDNIPRO - Russian missiles..."),
            Some((0, 19))
        );
        assert_eq!(
            pseudo_headline("Russian missiles hit Dnipro.\nMore text."),
            None
        );
        assert_eq!(pseudo_headline("One line only"), None);
    }

    /// The labels and (category, evidence sentence) of each event.
    fn read(headline: Option<&str>, body: &str) -> (Vec<Category>, Vec<(Category, String)>) {
        let a = test_support::analyse_with(body, headline);
        let events = a
            .events
            .iter()
            .map(|e| (e.category(), e.evidence.sentence.clone()))
            .collect();
        (a.classification.labels, events)
    }

    #[test]
    fn a_headline_event_the_body_does_not_repeat_counts() {
        // a first line taken as a headline, and a headline of the envelope:
        // the event is read there, and quoted from there
        let (labels, events) = read(
            None,
            "Drones hit fuel depot in Bryansk\nThe fire burned through the night, the regional governor said.",
        );
        assert_eq!(labels, [Category::Strike]);
        assert_eq!(
            events,
            [(
                Category::Strike,
                "Drones hit fuel depot in Bryansk".to_string()
            )]
        );
        let (labels, events) = read(
            Some("Bombing at arms depot in Tula kills three"),
            "Rescuers searched the rubble through the night, the regional governor said.",
        );
        assert_eq!(labels, [Category::Strike]);
        // (evidence points into the body: the lead sentence under the headline)
        assert!(events[0].1.starts_with("Rescuers searched"), "{events:?}");
        // the body's own account of the category stands alone
        let (labels, events) = read(
            None,
            "Missiles hit apartment block in Kharkiv\nRussian missiles hit an apartment block in Kharkiv on Monday, killing two people.",
        );
        assert_eq!(labels, [Category::Strike]);
        assert_eq!(events.len(), 1);
        assert!(events[0].1.starts_with("Russian missiles"), "{events:?}");
    }

    #[test]
    fn a_headline_keeps_the_context_its_body_sets() {
        // the body tells an accident: the headline's words mean one too
        for body in [
            "Artillery shells hit arms depot in Tula\nThe explosions were caused by a gas leak at the site, officials said on Monday.",
            "Bombing at arms depot in Tula kills three\nThe blaze was caused by a short circuit in a storage hall, officials said.",
        ] {
            assert_eq!(read(None, body).0, [], "{body}");
        }
        let (labels, _) = read(
            Some("Bombing at arms depot in Tula kills three"),
            "Officials said the blast was accidental and caused by stored chemicals.",
        );
        assert_eq!(labels, []);
    }

    #[test]
    fn dateline_detection() {
        let b = "WASHINGTON - A planned meeting";
        assert_eq!(dateline_end(b, 0), Some(12));
        assert_eq!(dateline_end("Russian-appointed authorities said", 0), None);
        // just past a multi-byte dash too, on a char boundary
        assert_eq!(dateline_end("KYIV — Drones", 0), Some("KYIV —".len()));
    }

    #[test]
    fn first_dash_is_within_sixty_chars() {
        let naive = |rest: &str| {
            rest.char_indices()
                .take(60)
                .find(|&(_, c)| c == '-' || c == '—')
                .map(|(i, _)| i)
        };
        let mut texts = vec![
            String::new(),
            "-".to_string(),
            "KYIV — x".to_string(),
            "a … b – c — d".to_string(),
        ];
        for n in [55, 58, 59, 60, 61, 70] {
            texts.push(format!("{}-", "a".repeat(n)));
            texts.push(format!("{}—", "é".repeat(n)));
            texts.push(format!("{}…-", "ü".repeat(n)));
            texts.push(format!("{}—x", "€".repeat(n)));
        }
        for t in &texts {
            assert_eq!(first_dash(t), naive(t), "{t:?}");
        }
    }
}

/// Debugging aid for rule writers: `DEBUG_TEXT="..." cargo test -q --lib
/// classify::debug -- --ignored --nocapture` prints the sentences, clauses,
/// rule hits and mentions of a text.
#[cfg(test)]
mod debug {
    #[test]
    #[ignore]
    fn debug() {
        let text = std::env::var("DEBUG_TEXT").unwrap_or_default();
        let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("config");
        let rules = crate::rules::RuleSet::load(&dir.join("rules")).unwrap();
        let gaz = crate::gazetteer::Gazetteer::load(&dir.join("gazetteer")).unwrap();
        for s in crate::text::sentences(&text) {
            println!(
                "SENT [{}..{}] p{}: {}",
                s.start,
                s.end,
                s.paragraph,
                &text[s.start..s.end]
            );
        }
        for h in rules.scan(&text) {
            println!(
                "  HIT {:?} {} {:?}",
                &text[h.start..h.end],
                rules.entry(&h).id,
                rules.entry(&h).kind
            );
        }
        for m in gaz.find(&text) {
            println!(
                "  MENTION {:?} {:?} {:?}",
                &text[m.start..m.end],
                m.code,
                m.kind
            );
        }
    }
}

/// What the mechanisms' unit tests share: the shipped rules, and the
/// subtypes one category's events get on a sentence of the test's own.
#[cfg(test)]
pub(crate) mod test_support {
    use crate::engine::{Analysis, Engine};
    use crate::model::{Category, PayloadFormat, Story};
    use std::sync::OnceLock;

    pub(crate) fn engine() -> &'static Engine {
        static E: OnceLock<Engine> = OnceLock::new();
        E.get_or_init(|| {
            Engine::load(&std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("config"))
                .unwrap()
        })
    }

    /// The shipped rules' analysis of a plain-text story of mid-2025.
    pub(crate) fn analyse(body: &str) -> Analysis {
        analyse_with(body, None)
    }

    /// [`analyse`] of a story with a headline of its own.
    pub(crate) fn analyse_with(body: &str, headline: Option<&str>) -> Analysis {
        let story = Story {
            id: "t".into(),
            source: None,
            headline: headline.map(str::to_string),
            dateline: None,
            published_at: Some("2025-06-01T00:00:00Z".into()),
            received_at_ms: None,
            language: None,
            body: body.into(),
            format: PayloadFormat::PlainText,
        };
        engine().analyse(&story)
    }

    /// The subtypes of the `category` events of `body`.
    pub(crate) fn subtypes(body: &str, category: Category) -> Vec<String> {
        analyse(body)
            .events
            .into_iter()
            .filter(|e| e.category() == category)
            .map(|e| e.subtype.to_string())
            .collect()
    }
}
