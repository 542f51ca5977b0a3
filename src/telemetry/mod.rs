//! Logs and metrics. Every other module reports through here, so metric
//! names, label sets and log fields are defined once.

pub mod metrics;

pub use metrics::Metrics;

use crate::config::LogFormat;
use tracing_subscriber::EnvFilter;

/// Install the global tracing subscriber. Levels come from `RUST_LOG`
/// (default `info`); `format` picks human text or JSON lines.
pub fn init_logging(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        // Colour codes only for a person at a terminal, never in log files.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    let result = match format {
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
        LogFormat::Text => builder.try_init(),
    };
    // A second init (tests) is harmless: the first subscriber stays.
    drop(result);
}
