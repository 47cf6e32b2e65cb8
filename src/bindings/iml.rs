//! IML exports: evaluate, compiled templates and mappings (held in wasm memory so that
//! they are parsed once), the dialect converter and the editor's syntax check. Results
//! are JSON text written by `iml::to_js_json`, which marks integers beyond 2^53 so that
//! the shim can return them as BigInt.

use crate::error::Error;
use crate::iml::json::{error_json, syntax_issues_json, write_str, JsonFor};
use crate::iml::utf::{utf16_into, utf8_text};
use crate::iml::{self, mapping, Dialect, Options};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// Where mapping JSON crosses without wasm-bindgen's string passing (which allocates,
/// copies the ASCII prefix in a JS loop, reallocates twice and frees, every call): the
/// shim encodes the bundles straight into `input` and decodes the params from
/// `output`. Both are kept from call to call.
struct Exchange {
    input: Vec<u8>,
    output: String,
    /// The output as UTF-16, when it is not ASCII: V8 makes a
    /// string from UTF-16 several times faster than from UTF-8 with Hebrew in it
    /// (measured: about 0.15 µs against 1.5 µs for a 1 KB params text in Node), more
    /// than the transcoding here costs.
    wide: Vec<u16>,
    /// Whether the last result is in `wide`.
    last_wide: bool,
}

thread_local! {
    static EXCHANGE: RefCell<Exchange> =
        const { RefCell::new(Exchange { input: Vec::new(), output: String::new(), wide: Vec::new(), last_wide: false }) };
}

/// An output (or input area) this large is not kept for the next call. The shim keeps
/// the same figure (`KEEP_AREA` in pkg/lib/iml.js).
const KEEP_OUTPUT: usize = 1 << 20;

/// The module's memory, for the shim's views of the exchange area.
#[wasm_bindgen(js_name = "imlMemory")]
pub fn iml_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// Makes room for `bytes` of input; where to write them. An area kept from a large
/// input is given back when a small one asks (the shim asks again then).
#[wasm_bindgen(js_name = "imlInputArea")]
pub fn iml_input_area(bytes: usize) -> usize {
    EXCHANGE.with(|x| {
        let mut x = x.borrow_mut();
        if x.input.len() < bytes || x.input.len() > KEEP_OUTPUT.max(bytes) {
            x.input = vec![0; bytes];
        }
        x.input.as_ptr() as usize
    })
}

/// Where the last result was written.
#[wasm_bindgen(js_name = "imlOutputArea")]
pub fn iml_output_area() -> usize {
    EXCHANGE.with(|x| {
        let x = x.borrow();
        if x.last_wide { x.wide.as_ptr() as usize } else { x.output.as_ptr() as usize }
    })
}

/// Runs `f` on the first `len` bytes of the input area as text, writing into the output
/// area. Returns the result's length times two, plus one when it is UTF-16 units rather
/// than UTF-8 bytes (it is when it is not ASCII).
fn exchange(len: usize, f: impl FnOnce(&str, &mut String) -> Result<(), Error>) -> Result<usize, JsValue> {
    EXCHANGE.with(|x| {
        let x = &mut *x.borrow_mut();
        if x.output.capacity() > KEEP_OUTPUT {
            x.output = String::new();
        }
        if x.wide.capacity() > KEEP_OUTPUT {
            x.wide = Vec::new();
        }
        x.output.clear();
        x.last_wide = false;
        let bytes = x.input.get(..len).ok_or_else(|| fail(Error::new("internal", "input beyond the exchange area")))?;
        let text = utf8_text(bytes).ok_or_else(|| fail(Error::new("invalid_argument", "bundles: not UTF-8 text")))?;
        f(text, &mut x.output).map_err(fail)?;
        if !x.output.is_ascii() {
            utf16_into(&x.output, &mut x.wide);
            x.last_wide = true;
            return Ok(x.wide.len() * 2 + 1);
        }
        Ok(x.output.len() * 2)
    })
}

/// The error as the value the shim rethrows as `OfficeGuyError` (as `super::fail`, with
/// the IML engine's own JSON writer: this module then carries no serde_json).
fn fail(e: Error) -> JsValue {
    JsValue::from_str(&error_json(&e))
}

fn options(text: &str, default: Dialect) -> Result<Options, JsValue> {
    Options::from_json_text(text, default).map_err(fail)
}

fn clock() -> i64 {
    js_sys::Date::now() as i64
}

#[wasm_bindgen(js_name = "imlEvaluate")]
pub fn iml_evaluate(template: &str, context: &str, opts: &str) -> Result<String, JsValue> {
    let o = options(opts, Dialect::App)?;
    iml::compile(template, &o).map_err(fail)?.evaluate_text(context, clock(), JsonFor::Shim).map_err(fail)
}

/// A parsed template.
#[wasm_bindgen(js_name = "ImlTemplate")]
pub struct ImlTemplate {
    inner: iml::Compiled,
}

#[wasm_bindgen(js_class = "ImlTemplate")]
impl ImlTemplate {
    #[wasm_bindgen(constructor)]
    pub fn new(template: &str, opts: &str) -> Result<ImlTemplate, JsValue> {
        let o = options(opts, Dialect::App)?;
        iml::compile(template, &o).map(|inner| ImlTemplate { inner }).map_err(fail)
    }

    pub fn evaluate(&self, context: &str) -> Result<String, JsValue> {
        self.inner.evaluate_text(context, clock(), JsonFor::Shim).map_err(fail)
    }

    /// The template written in a dialect.
    pub fn print(&self, dialect: &str) -> Result<String, JsValue> {
        let d = Dialect::parse(dialect).map_err(fail)?;
        self.inner.print(d).map_err(fail)
    }
}

/// A parsed scenario mapper.
#[wasm_bindgen(js_name = "ImlMapping")]
pub struct ImlMapping {
    inner: mapping::CompiledMapping,
}

#[wasm_bindgen(js_class = "ImlMapping")]
impl ImlMapping {
    #[wasm_bindgen(constructor)]
    pub fn new(mapper: &str, opts: &str) -> Result<ImlMapping, JsValue> {
        let o = options(opts, Dialect::Scenario)?;
        let m = iml::parse_input("mapper", mapper).map_err(fail)?;
        mapping::compile_mapping_json(&m, &o).map(|inner| ImlMapping { inner }).map_err(fail)
    }

    /// The shim's `apply` (`shim`) or `applyJson` through the exchange area: the bundles' JSON is
    /// the first `len` bytes of the input area; the result is in the output area (see
    /// `exchange` for the returned length). `clock` is the caller's `Date.now()`.
    #[wasm_bindgen(js_name = "applyExchange")]
    pub fn apply_exchange(&self, len: usize, shim: bool, clock: f64) -> Result<usize, JsValue> {
        let mode = if shim { JsonFor::ShimWide } else { JsonFor::Text };
        exchange(len, |text, out| self.inner.apply_into(text, clock as i64, mode, out))
    }
}

#[wasm_bindgen(js_name = "imlApplyMapping")]
pub fn iml_apply_mapping(mapper: &str, bundles: &str, opts: &str) -> Result<String, JsValue> {
    ImlMapping::new(mapper, opts)?.inner.apply_text(bundles, clock(), JsonFor::Shim).map_err(fail)
}

#[wasm_bindgen(js_name = "imlCheck")]
pub fn iml_check(template: &str, dialect: &str) -> Result<String, JsValue> {
    let d = Dialect::parse(dialect).map_err(fail)?;
    Ok(syntax_issues_json(&iml::check(template, d)))
}

#[wasm_bindgen(js_name = "imlConvert")]
pub fn iml_convert(template: &str, from: &str, to: &str) -> Result<String, JsValue> {
    let (f, t) = (Dialect::parse(from).map_err(fail)?, Dialect::parse(to).map_err(fail)?);
    let converted = iml::convert_dialect(template, f, t).map_err(fail)?;
    let mut out = String::new();
    write_str(&converted, &mut out);
    Ok(out)
}
