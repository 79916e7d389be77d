//! The `nerbench` package: links every extractor crate into one
//! [`Registry`], which the binary, the integration tests and the benches share.
//!
//! ```
//! let registry = nerbench::registry();
//! for (name, description) in registry.describe() {
//!     println!("{name}: {description}");
//! }
//! ```

pub use nerbench_core::{Registry, Settings};

/// Every extractor nerbench ships, registered by name.
pub fn registry() -> Registry {
    Registry::new()
}
