//! The pipeline: bytes in, a contract `Document` out (read, normalize, extract); no file or network I/O.
#![forbid(unsafe_code)]
