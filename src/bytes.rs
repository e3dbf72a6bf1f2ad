//! An output file's content, owned or shared with what keeps it.

use std::sync::Arc;

/// A file's content: made for this output, or shared with what keeps it between `minh serve`'s
/// edits (the open-data packages, ~100 MB at 2 500 providers), so that a kept file is neither
/// copied nor compared again (see [`crate::build::ReadyFiles`]).
#[derive(Debug, Clone)]
pub enum Bytes {
    Owned(Vec<u8>),
    Shared(Arc<[u8]>),
}

/// Bytes are equal when their contents are, owned or shared.
impl PartialEq for Bytes {
    fn eq(&self, other: &Bytes) -> bool {
        **self == **other
    }
}

impl Eq for Bytes {}

impl std::hash::Hash for Bytes {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (**self).hash(state)
    }
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Owned(v) => v,
            Bytes::Shared(a) => a,
        }
    }
}

impl From<Vec<u8>> for Bytes {
    fn from(v: Vec<u8>) -> Bytes {
        Bytes::Owned(v)
    }
}

impl From<Bytes> for Arc<[u8]> {
    /// Shared bytes as they are; owned ones moved into a new `Arc` (one copy).
    fn from(b: Bytes) -> Arc<[u8]> {
        match b {
            Bytes::Owned(v) => Arc::from(v),
            Bytes::Shared(a) => a,
        }
    }
}

impl Bytes {
    /// The bytes as a vector of their own (shared ones copied).
    pub fn into_vec(self) -> Vec<u8> {
        match self {
            Bytes::Owned(v) => v,
            Bytes::Shared(a) => a.to_vec(),
        }
    }
}
