//! nerbench-combined: to be written.
