//! nerbench-eval: to be written.
