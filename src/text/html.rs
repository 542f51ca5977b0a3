//! Reduce HTML bodies (ninjs `body_html`, 2.x `text/html` bodies) to text.
//!
//! A small tag scanner, not a DOM parser: wire HTML is a flat run of `<p>`s
//! with the odd `<br>`, `<a>` or `<em>`. Block-level tags become paragraph
//! breaks, other tags vanish, `<script>`/`<style>` content and comments are
//! dropped, source whitespace (including newlines) counts as one space as in a
//! browser, and the result goes through [`normalize`] (which decodes entities
//! after the tags are gone, so `&lt;p&gt;` stays text).

use super::normalize::normalize;

/// Tags that end a paragraph (opening or closing).
const BLOCK_TAGS: &[&str] = &[
    "p",
    "br",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "table",
    "hr",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "figure",
    "figcaption",
    "dd",
    "dt",
    "dl",
    "aside",
    "address",
];

/// Tags whose content is not text.
const DROP_CONTENT_TAGS: &[&str] = &["script", "style", "head", "template", "noscript"];

/// Reduce HTML to normalised plain text: one paragraph per line.
///
/// Total: malformed markup (an unclosed `<`, a stray `>`) is kept as text
/// rather than rejected.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_text(&mut out, &rest[..lt]);
        let after = &rest[lt..];
        match scan_tag(after) {
            Some(tag) => {
                if tag.block {
                    out.push('\n');
                } else if tag.spaced {
                    out.push(' ');
                }
                rest = &after[tag.len..];
                if let Some(name) = tag.drop_until {
                    rest = skip_past_close(rest, name);
                }
            }
            None => {
                out.push('<');
                rest = &after[1..];
            }
        }
    }
    push_text(&mut out, rest);
    normalize(&out)
}

/// Append text content, with HTML whitespace (incl. newlines) as a space.
fn push_text(out: &mut String, text: &str) {
    // ASCII whitespace never occurs inside a multi-byte char: copy the runs
    // between whitespace whole
    let mut rest = text;
    while let Some(i) = rest.find(|c: char| c.is_ascii_whitespace()) {
        out.push_str(&rest[..i]);
        out.push(' ');
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

struct Tag {
    /// Byte length of the tag, `<` to `>` inclusive.
    len: usize,
    /// Whether it breaks a paragraph.
    block: bool,
    /// Whether it separates words (table cells) without breaking a paragraph.
    spaced: bool,
    /// For an opening `<script>`-like tag: the name whose closing tag ends the skip.
    drop_until: Option<&'static str>,
}

/// Recognise a tag (or comment / doctype) at the start of `s`, which starts with `<`.
fn scan_tag(s: &str) -> Option<Tag> {
    let body = s.get(1..)?;
    if let Some(comment) = body.strip_prefix("!--") {
        let end = comment.find("-->").map_or(s.len(), |i| 4 + i + 3);
        return Some(Tag {
            len: end,
            block: false,
            spaced: false,
            drop_until: None,
        });
    }
    let first = body.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '/' || first == '!' || first == '?') {
        return None;
    }
    let len = 1 + tag_end(body)?;
    let inner = body.trim_start_matches(['/', '!', '?']);
    let name: String = inner
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let closing = first == '/';
    let self_closing = s[..len].ends_with("/>");
    let block = BLOCK_TAGS.contains(&name.as_str());
    let drop_until = if closing || self_closing {
        None
    } else {
        DROP_CONTENT_TAGS.iter().copied().find(|t| *t == name)
    };
    Some(Tag {
        len,
        block,
        spaced: matches!(name.as_str(), "td" | "th"),
        drop_until,
    })
}

/// Byte index just past the `>` closing a tag body, honouring quoted attributes.
fn tag_end(body: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in body.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i + 1),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

/// The rest of `s` after the closing `</name ...>`, or "" if it never closes.
/// Linear: scans `</` occurrences and compares the name case-insensitively.
fn skip_past_close<'a>(s: &'a str, name: &str) -> &'a str {
    for (i, _) in s.match_indices("</") {
        let after = i + 2;
        let is_name = s
            .get(after..after + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name));
        if is_name {
            return match s[after..].find('>') {
                Some(j) => &s[after + j + 1..],
                None => "",
            };
        }
    }
    ""
}

#[cfg(test)]
mod tests {
    use super::html_to_text;

    #[test]
    fn paragraphs_and_entities() {
        let html = "<p>Th&eacute;r&egrave;se said &ldquo;no&rdquo;.</p><p>Russia&rsquo;s\n  war &amp; peace.</p>";
        assert_eq!(
            html_to_text(html),
            "Thérèse said \"no\".\nRussia's war & peace."
        );
    }

    #[test]
    fn block_tags_break_inline_tags_vanish() {
        let html = "<h1>Title</h1><div>one<br/>two<br>three</div><ul><li>a <b>bold</b> <a href=\"x>y\">link</a></li><li>b</li></ul><blockquote>q</blockquote><table><tr><td>c1</td><td>c2</td></tr></table>";
        assert_eq!(
            html_to_text(html),
            "Title\none\ntwo\nthree\na bold link\nb\nq\nc1 c2"
        );
    }

    #[test]
    fn script_style_and_comments_dropped() {
        let html = "<p>a</p><script type=\"x\">var x = '<p>';</script><style>p{}</style><!-- c <p> --><p>b</p>";
        assert_eq!(html_to_text(html), "a\nb");
    }

    #[test]
    fn malformed_markup_is_text() {
        assert_eq!(html_to_text("1 < 2 and 3 > 2"), "1 < 2 and 3 > 2");
        assert_eq!(html_to_text("<p>open <b"), "open <b");
        assert_eq!(html_to_text("&lt;p&gt; is a tag"), "<p> is a tag");
        assert_eq!(html_to_text("<script>never closed"), "");
        assert_eq!(html_to_text("<"), "<");
        assert_eq!(html_to_text("<SCRIPT>x</Script >y"), "y");
    }
}
