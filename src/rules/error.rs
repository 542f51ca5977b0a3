//! Errors from loading the rule files, the code crosswalk and the gazetteer.
//!
//! Every variant names the file; rule errors also name the rule and its line
//! and say how to fix it, so an analyst who mistypes a rule gets told where.

use std::path::PathBuf;

/// Why the engine could not load its configuration. Returned by
/// [`crate::engine::Engine::load`]; the worker refuses to start with it.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    /// A file or directory could not be read.
    #[error(
        "cannot read {file}: {source} (does the config directory hold rules/, gazetteer/ and codes.toml?)"
    )]
    Io {
        /// The file or directory.
        file: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// A file is not valid TOML or does not follow the schema.
    #[error(
        "{file}:{line}: {message} (fix the TOML at that line; config/README.md describes the schema)"
    )]
    Syntax {
        /// The file.
        file: PathBuf,
        /// 1-based line (0 when the parser gave no position).
        line: usize,
        /// The parser's message.
        message: String,
    },
    /// One rule is well-formed TOML but not a valid rule.
    #[error("{file}:{line}: rule `{rule}`: {problem}; fix: {fix}")]
    Rule {
        /// The file.
        file: PathBuf,
        /// 1-based line where the rule starts.
        line: usize,
        /// The rule's `id` (or system `name`).
        rule: String,
        /// What is wrong.
        problem: String,
        /// How to fix it.
        fix: String,
    },
    /// The directory has no rule file, or a required file is missing.
    #[error("{file}: {problem}")]
    Missing {
        /// The file or directory.
        file: PathBuf,
        /// What is missing and what to do.
        problem: String,
    },
    /// The gazetteer could not be loaded.
    #[error(transparent)]
    Gazetteer(#[from] crate::gazetteer::GazetteerError),
}
