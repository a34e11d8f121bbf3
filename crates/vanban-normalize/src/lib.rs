//! Vietnamese text normalizer: NFC, tone-mark placement, odd spaces, line-wrap repair, split symbols, page furniture.
#![forbid(unsafe_code)]
