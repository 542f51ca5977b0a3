//! A bounded fuzz harness run in every test pass: arbitrary bytes, and
//! arbitrary mutations of real payload shapes, through the whole per-message
//! pipeline (`wirewatch::pipeline::process`: parse, classify, extract,
//! enrich, serialise). It must always answer (publish or reject with a known
//! code), never panic, and a publication must be valid JSON within the
//! record limit.

use proptest::prelude::*;
use std::sync::OnceLock;
use wirewatch::engine::Engine;
use wirewatch::pipeline::{Limits, Outcome, process, rejection_codes};

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| {
        Engine::load(&std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("config")).unwrap()
    })
}

fn check(payload: &[u8], key: Option<&str>) -> Result<(), TestCaseError> {
    let limits = Limits {
        max_payload_bytes: 64 * 1024,
        max_record_bytes: 256 * 1024,
    };
    match process(engine(), key, payload, &limits) {
        Outcome::Publish(p) => {
            prop_assert!(p.json.len() <= limits.max_record_bytes);
            let v: serde_json::Value = serde_json::from_slice(&p.json).unwrap();
            prop_assert_eq!(&v["schema_version"], 1);
        }
        Outcome::Reject(r) => {
            prop_assert!(rejection_codes().any(|c| c == r.code()), "{}", r.code());
            prop_assert!(!r.message().is_empty());
            prop_assert_ne!(
                r.code(),
                "engine_failure",
                "a panic inside: {}",
                r.message()
            );
        }
    }
    Ok(())
}

/// Payload shapes the worker reads, for mutation.
fn shape() -> impl Strategy<Value = String> {
    let text = "[ -~\\n\\u{0}-\\u{1f}\\u{600}-\\u{6ff}éü’—]{0,400}";
    prop_oneof![
        text.prop_map(|t| format!("AP, KYIV, Ukraine: {t}")),
        text.prop_map(|t| serde_json::json!({"id": "f", "body": t}).to_string()),
        text.prop_map(
            |t| serde_json::json!({"uri": "u", "body_html": format!("<p>{t}</p>")}).to_string()
        ),
        text.prop_map(|t| {
            serde_json::json!({"uri": "u", "bodies": [{"value": t}], "headlines": [{"value": t}]})
                .to_string()
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        check(&bytes, None)?;
    }

    #[test]
    fn mutated_payloads_never_panic(
        s in shape(),
        cut in any::<prop::sample::Index>(),
        flip in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let mut bytes = s.into_bytes();
        if !bytes.is_empty() {
            let i = flip.index(bytes.len());
            bytes[i] = byte;
            let c = cut.index(bytes.len() + 1);
            bytes.truncate(c.max(bytes.len() / 2));
        }
        check(&bytes, Some("k"))?;
    }
}
