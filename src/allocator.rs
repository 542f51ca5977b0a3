//! Memory settings of the allocator (mimalloc 3), applied at the start of
//! `main`. With its defaults a worker idled at 72 MiB resident: mimalloc
//! backs its arenas with transparent huge pages (2 MiB each, mostly
//! untouched) and hands freed pages back to the OS only after a second.
//! Without huge pages and with freed pages returned at once it idles at
//! 32 MiB, at no measurable cost in speed (README, "Memory").
//!
//! An operator can still choose otherwise with mimalloc's own environment
//! variables (`MIMALLOC_ALLOW_THP`, `MIMALLOC_PURGE_DELAY`): a setting
//! given there is left alone.

use std::ffi::{c_int, c_long};

// The functions below are mimalloc's; naming the crate links it into every
// binary of the library, also those that keep the system allocator.
use mimalloc as _;

// mimalloc's option numbers (`mi_option_e` in mimalloc.h, v3). The test
// below checks them against the defaults mimalloc documents, so a version
// that renumbers them fails it instead of changing the wrong setting.
const OPTION_PURGE_DELAY: c_int = 15;
const OPTION_ALLOW_THP: c_int = 43;

unsafe extern "C" {
    #[cfg(test)]
    fn mi_option_get(option: c_int) -> c_long;
    fn mi_option_set(option: c_int, value: c_long);
}

/// The settings `main` applies: (option, environment variable, value).
const SETTINGS: [(c_int, &str, c_long); 2] = [
    // No transparent huge pages: a 2 MiB page for a few KiB in use.
    (OPTION_ALLOW_THP, "MIMALLOC_ALLOW_THP", 0),
    // Give freed memory back to the OS at once (default: after 1 s).
    (OPTION_PURGE_DELAY, "MIMALLOC_PURGE_DELAY", 0),
];

/// Apply the settings above, unless the environment names them.
pub fn lean() {
    for (option, env, value) in SETTINGS {
        if std::env::var_os(env).is_none() {
            // SAFETY: plain setters of mimalloc's option table; any value
            // is valid for these options.
            unsafe { mi_option_set(option, value) };
        }
    }
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        // mimalloc reserved its first arena before `main`, with huge pages
        // allowed; the kernel's per-process switch covers that one too.
        // SAFETY: prctl with an integer argument; no memory is passed.
        unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn option(option: c_int) -> c_long {
        // SAFETY: a plain getter of mimalloc's option table.
        unsafe { mi_option_get(option) }
    }

    #[test]
    fn option_numbers_match_the_linked_mimalloc() {
        // Documented defaults of mimalloc 3 (options.c): a renumbered
        // option would read as some other option's value here.
        // max_warnings (20) and generic_collect (34) have distinctive defaults.
        assert_eq!(option(20), 32);
        assert_eq!(option(34), 10_000);
        if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
            assert_eq!(option(OPTION_ALLOW_THP), 1);
        }
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(option(OPTION_PURGE_DELAY), 1000);
        }
    }
}
