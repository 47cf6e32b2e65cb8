//! The date module compiled to wasm32, in Node (`WASM_BINDGEN_TEST_ONLY_NODE=1`): the
//! arithmetic that differs between targets (i128, 64-bit division, the zone table)
//! gives the same answers as on the host. The full suites run on the host.
#![cfg(target_arch = "wasm32")]
use officeguy_make::iml::date::{add, format, parse, set, to_iso, zone, SetValue, Unit};
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn jerusalem_on_wasm() {
    let j = zone("Asia/Jerusalem").unwrap();
    let t = parse("2024-03-29 02:30", Some("YYYY-MM-DD HH:mm"), &j).unwrap();
    assert_eq!(to_iso(t), "2024-03-29T00:30:00.000Z");
    assert_eq!(
        format(t, "YYYY-MM-DD HH:mm:ss.SSS Z z dddd Do", &j),
        "2024-03-29 03:30:00.000 +03:00 IDT Friday 29th"
    );
    let fall = parse("2024-10-27 01:30", Some("YYYY-MM-DD HH:mm"), &j).unwrap();
    assert_eq!(to_iso(fall), "2024-10-26T22:30:00.000Z");
    assert_eq!(
        to_iso(add(t, Unit::Month, 11, &j)),
        "2025-02-28T01:30:00.000Z"
    );
    let prague = zone("Europe/Prague").unwrap();
    let d = parse("2015-08-07T11:36:39.138Z", None, &prague).unwrap();
    assert_eq!(
        to_iso(set(d, Unit::Month, SetValue::Name("january".into()), &prague).unwrap()),
        "2015-01-07T12:36:39.138Z"
    );
}

#[wasm_bindgen_test]
fn extremes_on_wasm() {
    assert_eq!(to_iso(i64::MAX), "+275760-09-13T00:00:00.000Z");
    assert_eq!(to_iso(-62_167_219_200_001), "-000001-12-31T23:59:59.999Z");
    assert!(zone("Mars/Olympus").is_err());
    let utc = zone("UTC").unwrap();
    assert_eq!(add(0, Unit::Year, i64::MAX, &utc), 8_640_000_000_000_000);
    assert_eq!(
        parse("1410715640.579", Some("X"), &utc),
        Ok(1_410_715_640_579)
    );
}
