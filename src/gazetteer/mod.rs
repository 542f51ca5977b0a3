//! STUB (being replaced): names to countries.
