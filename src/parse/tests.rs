//! Unit tests for `parse_payload`: each form and each reject reason.

use super::*;

const MAX: usize = 1 << 20;

fn ok(key: Option<&str>, payload: &str) -> Story {
    match parse_payload(key, payload.as_bytes(), MAX) {
        Ok(s) => s,
        Err(e) => panic!("expected a story, got {e:?} for {payload:?}"),
    }
}

fn err(payload: &[u8]) -> RejectReason {
    match parse_payload(None, payload, MAX) {
        Ok(s) => panic!("expected a rejection, got {s:?}"),
        Err(e) => e,
    }
}

#[test]
fn plain_slug_story() {
    let s = ok(
        Some("k1"),
        "AP, KYIV, Ukraine: Ukrainian President Volodymyr Zelenskyy announced Tuesday \
         that he will travel.\nZelenskyy said \u{201C}yes.\u{201D}",
    );
    assert_eq!(s.id, "k1");
    assert_eq!(s.source.as_deref(), Some("AP"));
    assert_eq!(s.dateline.as_deref(), Some("KYIV, Ukraine"));
    assert_eq!(s.headline, None);
    assert_eq!(s.format, PayloadFormat::PlainText);
    assert_eq!(
        s.body,
        "Ukrainian President Volodymyr Zelenskyy announced Tuesday that he will travel.\n\
         Zelenskyy said \"yes.\""
    );
}

#[test]
fn plain_headline_then_inline_dateline() {
    let s = ok(
        None,
        "Trump gives Moscow 50 days\nWASHINGTON (AP) \u{2014} President Donald Trump threatened \
         on Monday.\n\nMore text here.",
    );
    assert_eq!(s.headline.as_deref(), Some("Trump gives Moscow 50 days"));
    assert_eq!(s.dateline.as_deref(), Some("WASHINGTON"));
    assert_eq!(s.source.as_deref(), Some("AP"));
    assert_eq!(
        s.body,
        "President Donald Trump threatened on Monday.\nMore text here."
    );
    assert!(
        s.id.starts_with("story-") && s.id.len() == 6 + 16,
        "{}",
        s.id
    );
}

#[test]
fn plain_inline_dateline_with_date() {
    let s = ok(
        None,
        "BRUSSELS, June 30 \u{2014} The European Union has renewed its sanctions.",
    );
    assert_eq!(s.dateline.as_deref(), Some("BRUSSELS"));
    assert_eq!(s.source, None);
    assert_eq!(s.body, "The European Union has renewed its sanctions.");
}

#[test]
fn plain_without_markers_is_all_body() {
    let text = "Pakistan and Afghanistan agreed to a ceasefire.\n\nThe two met again.";
    let s = ok(None, text);
    assert_eq!(s.headline, None);
    assert_eq!(s.dateline, None);
    assert_eq!(
        s.body,
        "Pakistan and Afghanistan agreed to a ceasefire.\nThe two met again."
    );
}

#[test]
fn hash_id_is_stable_and_key_wins() {
    let a = ok(None, "Some story text.");
    let b = ok(Some("   "), "Some story text.");
    assert_eq!(a.id, b.id, "blank key falls back to the hash");
    assert_eq!(a.id, format!("story-{:016x}", fnv1a64(b"Some story text.")));
    assert_ne!(a.id, ok(None, "Other story text.").id);
    assert_eq!(ok(Some(" key-7 "), "Some story text.").id, "key-7");
    // Known FNV-1a 64 vectors.
    assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
    assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
}

#[test]
fn envelope_full() {
    let s = ok(
        Some("ignored-key"),
        r#"{"id": "ap-1", "source": "AP", "headline": "Talks &amp; more", "dateline": "KYIV, Ukraine",
            "published_at": "2025-11-18T09:12:00Z", "language": "en",
            "body": "First para\u2019s text.\n\nSecond para."}"#,
    );
    assert_eq!(s.id, "ap-1");
    assert_eq!(s.source.as_deref(), Some("AP"));
    assert_eq!(s.headline.as_deref(), Some("Talks & more"));
    assert_eq!(s.dateline.as_deref(), Some("KYIV, Ukraine"));
    assert_eq!(s.published_at.as_deref(), Some("2025-11-18T09:12:00Z"));
    assert_eq!(s.language.as_deref(), Some("en"));
    assert_eq!(s.format, PayloadFormat::Envelope);
    assert_eq!(s.body, "First para's text.\nSecond para.");
}

#[test]
fn envelope_minimal_and_numeric_id() {
    let s = ok(None, r#"  {"id": 42, "body": "Just a body."}  "#);
    assert_eq!(s.id, "42");
    assert_eq!(s.source, None);
    assert_eq!(s.headline, None);
    assert_eq!(s.body, "Just a body.");
}

#[test]
fn envelope_missing_fields() {
    assert_eq!(
        err(br#"{"body": "text"}"#),
        RejectReason::MissingField("id")
    );
    assert_eq!(
        err(br#"{"id": "x", "headline": "h"}"#),
        RejectReason::MissingField("body")
    );
    assert_eq!(
        err(br#"{"id": "x", "body": null}"#),
        RejectReason::MissingField("body")
    );
    assert_eq!(
        err(br#"{"id": "", "body": "b"}"#),
        RejectReason::MissingField("id")
    );
    assert_eq!(err(br#"{"id": "x", "body": " \n "}"#), RejectReason::Empty);
}

#[test]
fn envelope_wrong_types() {
    let e = err(br#"{"id": "x", "body": 5}"#);
    assert_eq!(e.code(), "invalid_field");
    let e = err(br#"{"id": ["x"], "body": "b"}"#);
    assert_eq!(e.code(), "invalid_field");
    assert!(e.to_string().contains("\"id\" is an array"), "{e}");
}

#[test]
fn error_details_are_capped() {
    let long = "x".repeat(10_000);
    let e = err(format!(r#"{{"uri": "u", "headlines": "{long}"}}"#).as_bytes());
    assert_eq!(e.code(), "invalid_field");
    assert!(e.to_string().len() < 600, "{}", e.to_string().len());
}

#[test]
fn ninjs_1_body_text() {
    let s = ok(
        Some("k"),
        r#"{"uri": "urn:x:1", "type": "text", "version": "1", "versioncreated": "2025-11-25T08:05:00Z",
            "language": "en", "headline": "Army secretary in Abu Dhabi", "located": "ABU DHABI",
            "byline": "Staff", "body_text": "Dan Driscoll met a team.\n\nNo deal yet."}"#,
    );
    assert_eq!(s.id, "urn:x:1");
    assert_eq!(s.format, PayloadFormat::Ninjs);
    assert_eq!(s.headline.as_deref(), Some("Army secretary in Abu Dhabi"));
    assert_eq!(s.dateline.as_deref(), Some("ABU DHABI"));
    assert_eq!(s.published_at.as_deref(), Some("2025-11-25T08:05:00Z"));
    assert_eq!(s.source, None, "a byline is not a source");
    assert_eq!(s.body, "Dan Driscoll met a team.\nNo deal yet.");
}

#[test]
fn ninjs_1_body_html_with_entities() {
    let s = ok(
        None,
        r#"{"uri": "http://x/1", "versioncreated": "2025-06-27T21:50:00Z", "headline": "Congo &amp; Rwanda sign",
            "located": "WASHINGTON", "copyrightholder": "Wire Inc",
            "body_html": "<p>Th&eacute;r&egrave;se Wagner said Rwanda&rsquo;s &ldquo;defensive measures&rdquo; end.</p>\n<p>Rubio &#8212; the host &#x2014; spoke.</p>"}"#,
    );
    assert_eq!(s.headline.as_deref(), Some("Congo & Rwanda sign"));
    assert_eq!(s.source.as_deref(), Some("Wire Inc"));
    assert_eq!(
        s.body,
        "Thérèse Wagner said Rwanda's \"defensive measures\" end.\nRubio - the host - spoke."
    );
}

#[test]
fn ninjs_2_headlines_and_bodies() {
    let s = ok(
        None,
        r#"{"uri": "urn:x:2", "standard": {"name": "ninjs", "version": "2.0"},
            "firstcreated": "2025-08-16T09:00:00Z", "language": "en",
            "provider": {"name": "Example Wire"},
            "headlines": [{"role": "short", "value": "No deal"}, {"role": "main", "value": "Trump and Putin end summit"}],
            "bodies": [{"role": "main", "contenttype": "text/html", "value": "<p>HTML version.</p>"},
                       {"role": "alt", "contenttype": "text/plain", "value": "Plain version.\n\nSecond."}],
            "located": {"name": "ANCHORAGE, Alaska"}}"#,
    );
    assert_eq!(s.headline.as_deref(), Some("Trump and Putin end summit"));
    assert_eq!(s.body, "Plain version.\nSecond.", "text/plain preferred");
    assert_eq!(s.dateline.as_deref(), Some("ANCHORAGE, Alaska"));
    assert_eq!(s.published_at.as_deref(), Some("2025-08-16T09:00:00Z"));
    assert_eq!(s.source.as_deref(), Some("Example Wire"));
}

#[test]
fn ninjs_2_html_body_and_first_headline() {
    let s = ok(
        Some("key-2"),
        r#"{"uri": "", "version": "2.1",
            "headlines": [{"role": "short", "value": "Short one"}],
            "bodies": [{"contenttype": "text/html", "value": "<p>First&nbsp;para.</p><p>Second <em>para</em>.</p>"}],
            "located": "BRUSSELS"}"#,
    );
    assert_eq!(s.id, "key-2", "blank uri falls back to the key");
    assert_eq!(s.headline.as_deref(), Some("Short one"));
    assert_eq!(s.body, "First para.\nSecond para.");
}

#[test]
fn ninjs_without_body() {
    assert_eq!(
        err(br#"{"uri": "u", "headline": "h"}"#),
        RejectReason::MissingField("body_text|body_html|bodies")
    );
    assert_eq!(
        err(br#"{"uri": "u", "body_html": "<p> </p><script>x</script>"}"#),
        RejectReason::Empty
    );
    assert_eq!(err(br#"{"uri": "u", "bodies": []}"#), RejectReason::Empty);
}

#[test]
fn reject_not_utf8() {
    let e = err(b"AP, KYIV: abc \xff\xfe def");
    assert_eq!(e, RejectReason::NotUtf8 { valid_up_to: 14 });
    assert_eq!(e.code(), "not_utf8");
    assert!(e.to_string().contains("byte 14"), "{e}");
}

#[test]
fn reject_empty_and_whitespace() {
    assert_eq!(err(b""), RejectReason::Empty);
    assert_eq!(err(b" \r\n\t "), RejectReason::Empty);
    assert_eq!(err("\u{FEFF}  \u{00A0}".as_bytes()), RejectReason::Empty);
    assert_eq!(err("\u{200B}\u{200B}".as_bytes()), RejectReason::Empty);
    assert_eq!(RejectReason::Empty.code(), "empty");
}

#[test]
fn reject_too_large_before_anything_else() {
    let e = parse_payload(None, b"\xff\xff\xff\xff", 3).unwrap_err();
    assert_eq!(e, RejectReason::TooLarge { size: 4, limit: 3 });
    assert_eq!(e.code(), "too_large");
    assert!(e.to_string().contains("4 bytes") && e.to_string().contains("3-byte"));
    assert!(parse_payload(None, b"abc", 3).is_ok(), "limit is inclusive");
}

#[test]
fn reject_invalid_json() {
    let e = err(br#"{"id": "x", "body": "unterminated"#);
    assert!(matches!(e, RejectReason::InvalidJson(_)), "{e:?}");
    assert_eq!(e.code(), "invalid_json");
    assert!(e.to_string().contains("not valid JSON"));
}

#[test]
fn reject_json_array_and_scalars() {
    let e = err(br#"[{"id": "x", "body": "y"}]"#);
    assert_eq!(
        e,
        RejectReason::UnknownShape("an array at top level".to_string())
    );
    assert_eq!(e.code(), "unknown_shape");
    // Not valid JSON: a bracketed plain-text story.
    let s = ok(None, "[Updated] Russia struck Kharkiv.");
    assert_eq!(s.body, "[Updated] Russia struck Kharkiv.");
}

#[test]
fn reject_unknown_object_shape() {
    let e = err(br#"{"title": "x", "text": "y"}"#);
    assert_eq!(
        e,
        RejectReason::UnknownShape("an object with keys [\"text\", \"title\"]".to_string())
    );
    let msg = e.to_string();
    assert!(msg.contains("\"title\"") && msg.contains("envelope") && msg.contains("ninjs"));
    assert_eq!(
        err(b"{}"),
        RejectReason::UnknownShape("an empty object".to_string())
    );
}

#[test]
fn codes_are_closed_set() {
    let all = [
        RejectReason::TooLarge { size: 1, limit: 0 },
        RejectReason::NotUtf8 { valid_up_to: 0 },
        RejectReason::Empty,
        RejectReason::InvalidJson(String::new()),
        RejectReason::UnknownShape(String::new()),
        RejectReason::MissingField("id"),
        RejectReason::InvalidField(String::new()),
    ];
    let codes: Vec<&str> = all.iter().map(RejectReason::code).collect();
    assert_eq!(codes, RejectReason::CODES);
}

#[test]
fn bom_is_stripped() {
    let s = ok(None, "\u{FEFF}{\"id\": \"b\", \"body\": \"x.\"}");
    assert_eq!(s.format, PayloadFormat::Envelope);
    assert_eq!(s.id, "b");
}
