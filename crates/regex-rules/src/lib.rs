//! nerbench-regex-rules: to be written.
