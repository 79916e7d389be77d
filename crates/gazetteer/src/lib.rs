//! nerbench-gazetteer: to be written.
