//! nerbench-dates: to be written.
