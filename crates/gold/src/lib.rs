//! nerbench-gold: to be written.
