//! `vanban._vanban`: the native module of the `vanban` Python package (PyO3, abi3).
//!
//! A second shell over `vanban-core`, beside the command-line tool: the same pipeline, the
//! same options as the CLI's defaults, the same JSON serializer (serde_json), the same
//! error kinds. The Python layer (`python/vanban/__init__.py`) reads files, builds the
//! public API and turns JSON into dicts; this module only converts bytes and text, with the
//! GIL released (`Python::detach`) for all Rust work so Python threads run in parallel.
//!
//! `unsafe_code` is denied rather than forbidden: PyO3's `#[pymodule]`/`#[pyfunction]`
//! macros expand to `unsafe` FFI glue (the module init symbol, argument trampolines) that
//! carries its own `#[allow(unsafe_code)]`, which `forbid` would reject. This file writes
//! no `unsafe` itself.
#![deny(unsafe_code)]

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use std::panic::AssertUnwindSafe;
use std::time::Duration;

/// Why one input failed: `kind` is one of the CLI's error kinds (errors.jsonl).
#[derive(Debug)]
struct Failure {
    kind: &'static str,
    message: String,
}

impl From<vanban_core::CoreError> for Failure {
    fn from(e: vanban_core::CoreError) -> Self {
        Failure {
            kind: e.kind(),
            message: e.to_string(),
        }
    }
}

/// Core options as `vanban extract --timeout T --ocr MODE` builds them (the CLI's other
/// OCR defaults: `--ocr-lang vie`, `--ocr-dpi 200`, `--ocr-page-timeout 30`).
fn options(timeout: f64, ocr: &str) -> PyResult<vanban_core::Options> {
    let timeout = Duration::try_from_secs_f64(timeout.max(1.0))
        .ok()
        .filter(|_| timeout.is_finite())
        .ok_or_else(|| {
            PyValueError::new_err(format!(
                "timeout must be a number of seconds, got {timeout}"
            ))
        })?;
    let ocr = match ocr {
        "auto" => vanban_core::OcrMode::Auto,
        "always" => vanban_core::OcrMode::Always,
        "never" => vanban_core::OcrMode::Never,
        other => {
            return Err(PyValueError::new_err(format!(
                "ocr must be \"auto\", \"always\" or \"never\", got {other:?}"
            )))
        }
    };
    Ok(vanban_core::Options {
        timeout,
        ocr,
        ocr_languages: "vie".into(),
        ocr_dpi: 200,
        ocr_page_budget: Duration::from_secs(30),
        progress: None,
    })
}

/// Run `f`, a panic becoming a failure of kind "panic" (as in `vanban batch`).
fn guarded<T>(f: impl FnOnce() -> Result<T, Failure>) -> Result<T, Failure> {
    match std::panic::catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => Err(Failure {
            kind: "panic",
            message: format!(
                "internal failure: {}",
                vanban_core::panic_text(payload.as_ref())
            ),
        }),
    }
}

/// The Python exception for a failure: `vanban.ReadError` or its subclass for the kind,
/// made by `vanban._errors.make_error` so the classes live in Python.
fn to_exception(py: Python<'_>, f: Failure, path: &str) -> PyErr {
    let made = py
        .import("vanban._errors")
        .and_then(|m| m.getattr("make_error"))
        .and_then(|make| make.call1((f.kind, f.message, path)));
    match made {
        Ok(exc) => PyErr::from_value(exc),
        Err(e) => e,
    }
}

fn to_json<T: serde::Serialize>(value: &T, pretty: bool) -> Result<String, Failure> {
    let s = if pretty {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    };
    s.map_err(|e| Failure {
        kind: "write",
        message: format!("cannot serialize: {e}"),
    })
}

/// The contract JSON of a document's bytes; `path` goes to `source.path` and hints the
/// format by its extension. Pretty: exactly `vanban extract`'s output (without its final
/// newline); otherwise one line, as `vanban extract --format jsonl`.
#[pyfunction]
#[pyo3(signature = (data, path, timeout, ocr, pretty))]
fn process_json(
    py: Python<'_>,
    data: &[u8],
    path: &str,
    timeout: f64,
    ocr: &str,
    pretty: bool,
) -> PyResult<String> {
    let opts = options(timeout, ocr)?;
    py.detach(|| {
        guarded(|| {
            let doc = vanban_core::process(data, path, &opts)?;
            to_json(&doc, pretty)
        })
    })
    .map_err(|f| to_exception(py, f, path))
}

/// Normalized text of plain text, as `vanban normalize` prints it for a `.txt` file.
#[pyfunction]
#[pyo3(signature = (text, timeout, ocr))]
fn normalize_text(py: Python<'_>, text: &str, timeout: f64, ocr: &str) -> PyResult<String> {
    let opts = options(timeout, ocr)?;
    py.detach(|| {
        guarded(|| Ok(vanban_core::normalize_bytes(text.as_bytes(), TEXT_NAME, &opts)?.text))
    })
    .map_err(|f| to_exception(py, f, TEXT_NAME))
}

/// The references of plain text as a JSON array (the contract's `references`), as
/// `vanban extract` finds them in a `.txt` file holding that text.
#[pyfunction]
#[pyo3(signature = (text, timeout, ocr))]
fn refs_json(py: Python<'_>, text: &str, timeout: f64, ocr: &str) -> PyResult<String> {
    let opts = options(timeout, ocr)?;
    py.detach(|| {
        guarded(|| {
            let doc = vanban_core::process(text.as_bytes(), TEXT_NAME, &opts)?;
            to_json(&doc.references, false)
        })
    })
    .map_err(|f| to_exception(py, f, TEXT_NAME))
}

/// The JSON Schema of the contract, as `vanban schema` prints it (without its final newline).
#[pyfunction]
fn schema_json(py: Python<'_>) -> PyResult<String> {
    py.detach(|| {
        let schema = schemars::schema_for!(vanban_model::Document);
        to_json(&schema, true)
    })
    .map_err(|f| to_exception(py, f, "schema"))
}

/// Name given to text passed as a string: a `.txt` file.
const TEXT_NAME: &str = "text.txt";

/// The native module.
#[pymodule]
fn _vanban(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(process_json, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_text, m)?)?;
    m.add_function(wrap_pyfunction!(refs_json, m)?)?;
    m.add_function(wrap_pyfunction!(schema_json, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
