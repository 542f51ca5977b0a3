//! The name automaton and the word-boundary scan over it.
//!
//! One leftmost-longest Aho-Corasick automaton holds every surface name
//! (case-sensitive). A raw match counts only on word boundaries; when the
//! longest name at a position runs into a word ("South Koreans" against
//! "South Korean"), shorter names anchored at the same start are tried before
//! moving on, so a valid shorter name is never hidden by an invalid longer one.

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};

use super::GazetteerError;

/// Builds the automaton over `patterns` (pattern id = index).
pub(super) fn build(patterns: &[&str]) -> Result<AhoCorasick, GazetteerError> {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Both)
        .build(patterns)
        .map_err(|e| GazetteerError::Build(e.to_string()))
}

/// True if `c` continues a word (a name must not touch one on either side).
#[inline]
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

#[inline]
fn boundary_before(text: &str, start: usize) -> bool {
    text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !is_word_char(c))
}

#[inline]
fn boundary_after(text: &str, end: usize) -> bool {
    text[end..].chars().next().is_none_or(|c| !is_word_char(c))
}

/// Byte offset of the char after the one starting at `i`.
#[inline]
fn next_char(text: &str, i: usize) -> usize {
    i + text[i..].chars().next().map_or(1, char::len_utf8)
}

/// Calls `f(start, end, pattern_id)` for every non-overlapping name in `text`
/// that sits on word boundaries, in order of start.
pub(super) fn find_spans(ac: &AhoCorasick, text: &str, mut f: impl FnMut(usize, usize, usize)) {
    let mut pos = 0;
    while pos < text.len() {
        let Some(m) = ac.find(Input::new(text).span(pos..text.len())) else {
            break;
        };
        let start = m.start();
        if !boundary_before(text, start) {
            pos = next_char(text, start);
            continue;
        }
        let (mut end, mut pid) = (m.end(), m.pattern());
        let mut ok = boundary_after(text, end);
        while !ok && end > start + 1 {
            // Longest name ran into a word: try the longest shorter one here.
            let input = Input::new(text)
                .span(start..end - 1)
                .anchored(Anchored::Yes);
            match ac.find(input) {
                Some(m2) => {
                    end = m2.end();
                    pid = m2.pattern();
                    ok = boundary_after(text, end);
                }
                None => break,
            }
        }
        if ok {
            f(start, end, pid.as_usize());
            pos = end;
        } else {
            pos = next_char(text, start);
        }
    }
}
