//! diffListing: polling a folder through listentities.

use officeguy_make::trigger::{diff_listing, DiffEvent, DiffKind, DiffOptions};
use serde_json::{json, Value};

fn card(id: u64, name: &str) -> Value {
    json!({"ID": id, "Folder": "2375135537", "Customers_FullName": [name], "Customers_City": ["חיפה"]})
}

fn kinds(events: &[DiffEvent]) -> Vec<(&'static str, u64)> {
    events
        .iter()
        .map(|e| match e {
            DiffEvent::Changed(k, c) => (k.key(), c.entity_id),
            DiffEvent::Removed { entity_id, .. } => (DiffKind::Remove.key(), *entity_id),
        })
        .collect()
}

const NOW: DiffOptions = DiffOptions { emit_existing: false };

#[test]
fn the_first_run_records_and_emits_nothing_unless_asked() {
    let listing = json!([card(1, "a"), card(2, "b")]);
    let r = diff_listing(None, &listing, NOW).unwrap();
    assert!(r.events.is_empty());
    assert!(r.state.starts_with("ogd1."));
    let all = diff_listing(None, &listing, DiffOptions { emit_existing: true }).unwrap();
    assert_eq!(kinds(&all.events), [("create", 1), ("create", 2)]);
    assert_eq!(all.state, r.state);
    // an empty state string is a first run too
    assert!(diff_listing(Some(""), &listing, NOW).unwrap().events.is_empty());
}

#[test]
fn creates_updates_and_removes_are_found() {
    let first = diff_listing(None, &json!([card(1, "a"), card(2, "b"), card(3, "c")]), NOW).unwrap();
    let second = diff_listing(Some(&first.state), &json!([card(1, "a"), card(3, "C"), card(4, "d")]), NOW).unwrap();
    assert_eq!(kinds(&second.events), [("remove", 2), ("update", 3), ("create", 4)]);
    if let DiffEvent::Removed { folder, .. } = &second.events[0] {
        assert_eq!(*folder, Some(2375135537));
    }
    if let DiffEvent::Changed(_, c) = &second.events[1] {
        assert_eq!(c.fields["Customers_FullName"], "C");
    }
    let out: Value = serde_json::to_value(&second).unwrap();
    assert_eq!(out["events"][0], json!({"kind": "remove", "folder": 2375135537u64, "entityId": 2, "properties": null, "fields": null}));
    assert_eq!(out["events"][2]["kind"], "create");
    // nothing changed: nothing emitted, same state
    let third = diff_listing(Some(&second.state), &json!([card(4, "d"), card(3, "C"), card(1, "a")]), NOW).unwrap();
    assert!(third.events.is_empty());
    assert_eq!(third.state, second.state);
}

#[test]
fn pages_in_any_order_and_overlapping_pages_give_the_same_result() {
    let first = diff_listing(None, &json!([card(1, "a"), card(5, "e"), card(9, "i")]), NOW).unwrap();
    let page1 = json!([card(1, "A"), card(2, "b")]);
    let page2 = json!({"Entities": [card(2, "b"), card(5, "e")], "HasNextPage": true});
    let page3 = json!([card(10, "j")]);
    let orders = [
        json!([page1, page2, page3]),
        json!([page3, page2, page1]),
        json!([page2, page1, page3]),
    ];
    let results: Vec<_> = orders.iter().map(|l| diff_listing(Some(&first.state), l, NOW).unwrap()).collect();
    assert_eq!(kinds(&results[0].events), [("update", 1), ("create", 2), ("remove", 9), ("create", 10)]);
    for r in &results[1..] {
        assert_eq!(r.events, results[0].events);
        assert_eq!(r.state, results[0].state);
    }
    // a whole listentities result works too
    let single = diff_listing(None, &json!({"Entities": [card(1, "a")], "HasNextPage": false}), DiffOptions { emit_existing: true }).unwrap();
    assert_eq!(kinds(&single.events), [("create", 1)]);
}

#[test]
fn nested_properties_and_flattened_ones_are_the_same_card() {
    let flat = diff_listing(None, &json!([card(1, "a")]), NOW).unwrap();
    let nested = json!([{"ID": "1", "Folder": 2375135537u64, "Properties": {"Customers_City": "חיפה", "Customers_FullName": "a"}}]);
    assert!(diff_listing(Some(&flat.state), &nested, NOW).unwrap().events.is_empty());
}

#[test]
fn a_bad_card_is_reported_and_costs_nothing_else() {
    let first = diff_listing(None, &json!([card(1, "a"), card(2, "b"), card(3, "c")]), NOW).unwrap();
    let r = diff_listing(Some(&first.state), &json!([card(1, "A"), {"ID": 2, "Folder": "x"}, card(4, "d")]), NOW).unwrap();
    assert_eq!(r.errors.len(), 1);
    assert_eq!(r.errors[0].path, "entities[1].Folder");
    assert_eq!(kinds(&r.events), [("update", 1), ("remove", 2), ("remove", 3), ("create", 4)]);
    // an unreadable id: no removals this time, and the old cards are kept
    let r = diff_listing(Some(&first.state), &json!([card(1, "A"), {"Folder": "1"}, card(4, "d")]), NOW).unwrap();
    assert_eq!(r.errors[0].path, "entities[1].ID");
    assert_eq!(kinds(&r.events), [("update", 1), ("create", 4)]);
    let later = diff_listing(Some(&r.state), &json!([card(1, "A"), card(4, "d")]), NOW).unwrap();
    assert_eq!(kinds(&later.events), [("remove", 2), ("remove", 3)]);
}

#[test]
fn bad_input_and_bad_states_are_errors() {
    assert_eq!(diff_listing(None, &json!("nope"), NOW).err().unwrap().code, "invalid_type");
    assert_eq!(diff_listing(None, &json!({"x": 1}), NOW).err().unwrap().code, "invalid_type");
    assert_eq!(diff_listing(Some("ogm1.AA"), &json!([]), NOW).err().unwrap().code, "invalid_state");
    assert_eq!(diff_listing(Some("ogd9.AA"), &json!([]), NOW).err().unwrap().code, "unsupported_state_version");
    let good = diff_listing(None, &json!([card(1, "a"), card(700, "b")]), NOW).unwrap().state;
    for cut in 0..good.len() {
        let _ = diff_listing(Some(&good[..cut]), &json!([]), NOW);
    }
}

#[test]
fn a_large_listing_has_a_compact_state() {
    let listing: Vec<Value> = (0..10_000u64).map(|i| card(2_389_900_000 + i * 3, "x")).collect();
    let r = diff_listing(None, &Value::Array(listing), NOW).unwrap();
    let per_card = (r.state.len() - 5) as f64 / 10_000.0;
    assert!(per_card < 16.0, "{per_card} characters a card");
}

#[test]
fn the_streaming_text_path_gives_the_same_result() {
    use officeguy_make::trigger::diff::diff_listing_texts;
    let first: Vec<Value> = vec![
        card(1, "a"),
        card(2, "b"),
        json!({"ID": "3", "Folder": 7, "Properties": {"A": [1], "R": [{"ID": 4, "Name": "n", "SchemaID": 2, "Version": 1}]}}),
        json!({"ID": 5, "Properties": null, "X": ["", []], "Y": [{"k": [1]}]}),
    ];
    let second: Vec<Value> = vec![card(1, "a"), card(2, "B"), first[2].clone(), json!({"ID": 6, "Z": [1.5]}), json!({"ID": 9007199254740993u64, "Z": [1]})];
    let texts = |v: &[Value]| v.iter().map(|e| serde_json::to_string(e).unwrap()).collect::<Vec<_>>();
    let options = DiffOptions { emit_existing: true };
    let t1 = texts(&first);
    let a = diff_listing_texts(None, t1.iter().map(String::as_str), options).unwrap().unwrap();
    let b = diff_listing(None, &Value::Array(first.clone()), options).unwrap();
    assert_eq!(a.events, b.events);
    assert_eq!(a.state, b.state);
    let t2 = texts(&second);
    let a2 = diff_listing_texts(Some(&a.state), t2.iter().map(String::as_str), NOW).unwrap().unwrap();
    let b2 = diff_listing(Some(&b.state), &Value::Array(second), NOW).unwrap();
    assert_eq!(kinds(&a2.events), [("update", 2), ("remove", 5), ("create", 6), ("create", 9007199254740993)]);
    assert_eq!(a2.events, b2.events);
    assert_eq!(a2.state, b2.state);
    // shapes the streaming pass leaves to the general path
    for odd in [r#"{"id": 1}"#, r#"{"ID": "x"}"#, r#"{"Folder": 1}"#, r#"{"ID": 1, "A": 1, "A": 2}"#, r#"{"ID": 1, "Properties": [1]}"#, "[1]"] {
        assert!(diff_listing_texts(None, [odd].into_iter(), NOW).unwrap().is_none(), "{odd}");
    }
}
