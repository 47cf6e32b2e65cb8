//! TriggerMatcher: kinds, exactly-once under retries and replays, filters, the bound,
//! and save/restore in the middle of a stream.

use officeguy_make::trigger::{event_from_value, parse_subscriptions, Event, Fired, Kind, Matcher};
use serde_json::{json, Value};

fn subs(v: Value) -> Matcher {
    Matcher::new(parse_subscriptions(&v).unwrap(), None, None).unwrap()
}

fn ev(folder: u64, id: u64, t: &str, props: Value) -> Event {
    event_from_value(json!({"Folder": folder, "EntityID": id, "Type": t, "Properties": props})).unwrap()
}

fn fire(m: &mut Matcher, e: &Event) -> Vec<(String, &'static str)> {
    m.accept(&e.card, e.trigger_type, None)
        .into_iter()
        .map(|Fired { subscription, kind }| (m.subscriptions()[subscription].id.clone(), kind.key()))
        .collect()
}

fn one(id: &str, kind: &'static str) -> Vec<(String, &'static str)> {
    vec![(id.to_string(), kind)]
}

fn create_or_update() -> Matcher {
    subs(json!([{"id": "s", "folder": 10, "view": 99, "types": ["createOrUpdate"]}]))
}

#[test]
fn create_or_update_tells_create_from_update_by_first_sighting() {
    let mut m = create_or_update();
    assert_eq!(fire(&mut m, &ev(10, 1, "CreateOrUpdate", json!({"A": [1]}))), one("s", "create"));
    assert_eq!(fire(&mut m, &ev(10, 1, "CreateOrUpdate", json!({"A": [2]}))), one("s", "update"));
    assert_eq!(fire(&mut m, &ev(10, 2, "CreateOrUpdate", json!({"A": [2]}))), one("s", "create"));
    // another folder: nothing
    assert!(fire(&mut m, &ev(11, 3, "CreateOrUpdate", json!({"A": [2]}))).is_empty());
}

#[test]
fn a_retry_with_the_same_content_fires_once_whatever_the_shape() {
    let mut m = create_or_update();
    let first = ev(10, 1, "CreateOrUpdate", json!({"A": [1], "B": ["x"], "R": [{"ID": 5, "Name": "n", "SchemaID": 2}]}));
    assert_eq!(fire(&mut m, &first).len(), 1);
    // same content: other key order, scalars instead of arrays, a reference with Version,
    // the number written differently, ids as strings
    let retry = event_from_value(json!({"EntityID": "1", "Folder": "10", "Type": "CreateOrUpdate",
        "Properties": {"R": [{"Version": 4, "ID": 5, "SchemaID": 2, "Name": "n"}], "B": "x", "A": 1.0}})).unwrap();
    assert!(fire(&mut m, &retry).is_empty());
    assert!(fire(&mut m, &first).is_empty());
    // a real change fires
    assert_eq!(fire(&mut m, &ev(10, 1, "CreateOrUpdate", json!({"A": [1], "B": ["y"], "R": [{"ID": 5, "Name": "n", "SchemaID": 2}]}))), one("s", "update"));
}

#[test]
fn a_late_replay_overtaken_by_a_newer_change_is_dropped() {
    let mut m = create_or_update();
    let a = ev(10, 1, "CreateOrUpdate", json!({"S": [1]}));
    let b = ev(10, 1, "CreateOrUpdate", json!({"S": [2]}));
    let c = ev(10, 1, "CreateOrUpdate", json!({"S": [3]}));
    assert_eq!(fire(&mut m, &a), one("s", "create"));
    assert_eq!(fire(&mut m, &b), one("s", "update"));
    assert!(fire(&mut m, &a).is_empty(), "A's retry arrived after B");
    assert!(fire(&mut m, &b).is_empty());
    assert_eq!(fire(&mut m, &c), one("s", "update"));
    // A is now two changes back: a genuine return to it fires
    assert_eq!(fire(&mut m, &a), one("s", "update"));
}

#[test]
fn create_fires_once_per_card_and_out_of_order_create_after_update_still_fires() {
    let mut m = subs(json!([
        {"id": "new", "folder": 10, "view": 1, "types": ["create"]},
        {"id": "changed", "folder": 10, "view": 1, "types": ["update"]}
    ]));
    assert_eq!(fire(&mut m, &ev(10, 1, "Create", json!({"A": [1]}))), one("new", "create"));
    assert!(fire(&mut m, &ev(10, 1, "Create", json!({"A": [1]}))).is_empty());
    assert!(fire(&mut m, &ev(10, 1, "Create", json!({"A": [9]}))).is_empty(), "a card is created once");
    assert_eq!(fire(&mut m, &ev(10, 1, "Update", json!({"A": [2]}))), one("changed", "update"));
    // the Update trigger's delivery overtook the Create trigger's
    assert_eq!(fire(&mut m, &ev(10, 2, "Update", json!({"A": [2]}))), one("changed", "update"));
    assert_eq!(fire(&mut m, &ev(10, 2, "Create", json!({"A": [1]}))), one("new", "create"));
    assert!(fire(&mut m, &ev(10, 2, "Create", json!({"A": [1]}))).is_empty());
}

#[test]
fn two_triggers_on_one_folder_fire_each_subscription_once() {
    // a Create trigger and a CreateOrUpdate trigger both deliver the new card
    let mut m = subs(json!([
        {"id": "new", "folder": 10, "view": 1, "types": ["create"]},
        {"id": "any", "folder": 10, "view": 1, "types": ["createOrUpdate"]}
    ]));
    let fired = fire(&mut m, &ev(10, 1, "Create", json!({"A": [1]})));
    assert_eq!(fired, vec![("new".to_string(), "create"), ("any".to_string(), "create")]);
    assert!(fire(&mut m, &ev(10, 1, "CreateOrUpdate", json!({"A": [1]}))).is_empty());
}

#[test]
fn archive_and_delete_fire_once_and_forget_the_card() {
    let mut m = subs(json!([{"id": "s", "folder": 10, "view": 1, "types": ["createOrUpdate", "archive", "delete"]}]));
    assert_eq!(fire(&mut m, &ev(10, 1, "CreateOrUpdate", json!({"A": [1]}))), one("s", "create"));
    assert_eq!(fire(&mut m, &ev(10, 1, "Archive", json!(null))), one("s", "archive"));
    assert!(fire(&mut m, &ev(10, 1, "Archive", json!(null))).is_empty());
    assert!(fire(&mut m, &ev(10, 1, "CreateOrUpdate", json!({"A": [1]}))).is_empty(), "stale update after archive");
    // restored and changed
    assert_eq!(fire(&mut m, &ev(10, 1, "CreateOrUpdate", json!({"A": [2]}))), one("s", "update"));
    assert_eq!(fire(&mut m, &ev(10, 1, "Delete", json!({}))), one("s", "delete"));
    assert!(fire(&mut m, &ev(10, 1, "Delete", json!({}))).is_empty());
    assert!(fire(&mut m, &ev(10, 1, "Archive", json!({}))).is_empty());
    assert!(fire(&mut m, &ev(10, 1, "CreateOrUpdate", json!({"A": [3]}))).is_empty(), "nothing after a delete");
    // a delete of a card never seen fires too
    assert_eq!(fire(&mut m, &ev(10, 2, "Delete", json!(null))), one("s", "delete"));
}

#[test]
fn a_delivery_without_folder_or_type() {
    let mut m = subs(json!([{"id": "s", "folder": 10, "view": 1, "types": ["createOrUpdate", "delete"]}]));
    let no_folder = event_from_value(json!({"EntityID": 5, "Type": "Delete"})).unwrap();
    assert_eq!(fire(&mut m, &no_folder), one("s", "delete"));
    let no_type = event_from_value(json!({"EntityID": 6, "Folder": 10, "Properties": {"A": [1]}})).unwrap();
    assert_eq!(fire(&mut m, &no_type), one("s", "create"));
}

#[test]
fn the_receiving_subscription_can_be_named() {
    let mut m = subs(json!([
        {"id": "a", "folder": 10, "view": 1, "types": ["createOrUpdate"]},
        {"id": "b", "folder": 10, "view": 2, "types": ["createOrUpdate"]}
    ]));
    let e = ev(10, 1, "CreateOrUpdate", json!({"A": [1]}));
    let b = m.subscription_index("b").unwrap();
    let fired = m.accept(&e.card, e.trigger_type, Some(b));
    assert_eq!(fired, vec![Fired { subscription: b, kind: Kind::Create }]);
    // the delivery to a's URL of the same change is a retry: each card change fires once
    assert!(m.accept(&e.card, e.trigger_type, Some(0)).is_empty());
}

#[test]
fn filters_follow_sumits_filter() {
    let mut m = subs(json!([
        {"id": "big", "folder": 10, "view": 1, "types": ["createOrUpdate"],
         "filters": [{"Property": "Amount", "Value": [100, 200, "300"]}]},
        {"id": "not-haifa", "folder": 10, "view": 1, "types": ["createOrUpdate"],
         "filters": [{"property": "City", "value": "חיפה", "negative": true}]},
        {"id": "september", "folder": 10, "view": 1, "types": ["createOrUpdate"],
         "filters": [{"Property": "Date", "DateRange_From": "2026-09-01", "DateRange_To": "2026-09-30"}]},
        {"id": "customer-44", "folder": 10, "view": 1, "types": ["createOrUpdate"],
         "filters": [{"Property": "Customer", "Value": "44"}]},
        {"id": "no-email", "folder": 10, "view": 1, "types": ["createOrUpdate"],
         "filters": [{"Property": "Email"}]}
    ]));
    let ids = |m: &mut Matcher, id: u64, props: Value| -> Vec<String> {
        fire(m, &ev(10, id, "CreateOrUpdate", props)).into_iter().map(|(s, _)| s).collect()
    };
    assert_eq!(
        ids(&mut m, 1, json!({"Amount": [300.0], "City": ["חיפה"], "Date": ["2026-09-30T23:30:00+03:00"],
            "Customer": [{"ID": 44, "Name": "x", "SchemaID": 1}], "Email": ["a@b.c"]})),
        ["big", "september", "customer-44"]
    );
    assert_eq!(
        ids(&mut m, 2, json!({"Amount": [150], "City": ["תל אביב"], "Date": ["2026-10-01T00:00:00+03:00"], "Email": []})),
        ["not-haifa", "no-email"]
    );
    assert_eq!(ids(&mut m, 3, json!({"Amount": ["200"], "Date": ["2026-09-01"]})), ["big", "not-haifa", "september", "no-email"]);
}

#[test]
fn bad_subscriptions_report_every_problem_with_its_path() {
    let e = parse_subscriptions(&json!([
        {"id": "a", "folder": "Customers", "view": 1, "types": ["create"]},
        {"id": "b", "folder": 10, "types": []},
        {"id": "c", "folder": 10, "types": ["created", "renamed"], "filters": [{"Property": "D", "DateRange_From": "soon"}]},
        {"id": "a", "folder": 10, "types": "update"}
    ]))
    .unwrap_err();
    assert_eq!(e.code, "invalid_subscription");
    let paths: Vec<&str> = e.issues.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(
        paths,
        ["subscriptions[0].folder", "subscriptions[1].types", "subscriptions[2].types[1]", "subscriptions[2].filters[0].dateRangeFrom", "subscriptions[3].id"]
    );
    assert!(Matcher::new(vec![], None, Some(0)).is_err());
}

#[test]
fn the_memory_is_bounded_and_forgets_the_least_recently_seen() {
    let mut m = Matcher::new(parse_subscriptions(&json!([{"id": "s", "folder": 10, "types": ["createOrUpdate"]}])).unwrap(), None, Some(3)).unwrap();
    for id in 1..=3 {
        assert_eq!(fire(&mut m, &ev(10, id, "CreateOrUpdate", json!({"A": [1]}))), one("s", "create"));
    }
    // card 1 seen again (a retry) becomes the most recent; 4 then evicts card 2
    assert!(fire(&mut m, &ev(10, 1, "CreateOrUpdate", json!({"A": [1]}))).is_empty());
    assert_eq!(fire(&mut m, &ev(10, 4, "CreateOrUpdate", json!({"A": [1]}))), one("s", "create"));
    assert_eq!(m.remembered(), (3, 3));
    assert!(fire(&mut m, &ev(10, 1, "CreateOrUpdate", json!({"A": [1]}))).is_empty(), "1 is remembered");
    assert!(fire(&mut m, &ev(10, 3, "CreateOrUpdate", json!({"A": [1]}))).is_empty(), "3 is remembered");
    // 2 was forgotten: its retry now looks like a first sighting
    assert_eq!(fire(&mut m, &ev(10, 2, "CreateOrUpdate", json!({"A": [1]}))), one("s", "create"));
}

/// A stream of deliveries with retries, replays and changes; firing it through one
/// matcher, or through matchers saved and restored at every step, gives the same result.
#[test]
fn save_and_restore_in_the_middle_of_a_stream_loses_and_replays_nothing() {
    let subs_json = json!([{"id": "s", "folder": 10, "types": ["createOrUpdate", "archive", "delete"]}]);
    let mut stream = Vec::new();
    let mut seed = 7u64;
    let mut rnd = |n: u64| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    for _ in 0..600 {
        let id = 1 + rnd(40);
        let t = match rnd(20) {
            0 => "Archive",
            1 => "Delete",
            _ => "CreateOrUpdate",
        };
        let e = ev(10, id, t, json!({"V": [rnd(4)], "Name": ["כרטיס"]}));
        stream.push(e.clone());
        if rnd(3) == 0 {
            stream.push(e); // a retry
        }
    }
    let mut whole = Matcher::new(parse_subscriptions(&subs_json).unwrap(), None, None).unwrap();
    let expected: Vec<_> = stream.iter().map(|e| fire(&mut whole, e)).collect();
    assert!(expected.iter().filter(|f| !f.is_empty()).count() > 100);

    let mut state: Option<String> = None;
    let mut got = Vec::new();
    for e in &stream {
        let mut m = Matcher::new(parse_subscriptions(&subs_json).unwrap(), state.as_deref(), None).unwrap();
        got.push(fire(&mut m, e));
        state = Some(m.save_state());
    }
    assert_eq!(got, expected);
    assert_eq!(state.as_deref(), Some(whole.save_state().as_str()));
}

#[test]
fn a_restored_state_keeps_recency_and_its_bound() {
    let subs_json = json!([{"id": "s", "folder": 10, "types": ["createOrUpdate"]}]);
    let mut m = Matcher::new(parse_subscriptions(&subs_json).unwrap(), None, Some(100)).unwrap();
    for id in 1..=50 {
        fire(&mut m, &ev(10, id, "CreateOrUpdate", json!({"A": [id]})));
    }
    let saved = m.save_state();
    assert!(saved.starts_with("ogm1."));
    let per_card = (saved.len() - 5) as f64 / 50.0;
    assert!(per_card < 24.0, "{per_card} characters a card");
    // a smaller bound keeps the 10 most recent
    let mut small = Matcher::new(parse_subscriptions(&subs_json).unwrap(), Some(&saved), Some(10)).unwrap();
    assert_eq!(small.remembered(), (10, 10));
    assert!(fire(&mut small, &ev(10, 50, "CreateOrUpdate", json!({"A": [50]}))).is_empty());
    assert!(fire(&mut small, &ev(10, 41, "CreateOrUpdate", json!({"A": [41]}))).is_empty());
    assert_eq!(fire(&mut small, &ev(10, 40, "CreateOrUpdate", json!({"A": [40]}))), one("s", "create"));
}

#[test]
fn corrupt_or_foreign_states_are_refused_with_a_clear_error() {
    let subs_json = json!([{"id": "s", "folder": 10, "types": ["createOrUpdate"]}]);
    let mut m = Matcher::new(parse_subscriptions(&subs_json).unwrap(), None, None).unwrap();
    fire(&mut m, &ev(10, 1, "CreateOrUpdate", json!({"A": [1]})));
    let good = m.save_state();
    let try_state = |s: &str| Matcher::new(parse_subscriptions(&subs_json).unwrap(), Some(s), None).err().map(|e| e.code);
    assert_eq!(try_state(&good), None);
    assert_eq!(try_state("hello"), Some("invalid_state".into()));
    assert_eq!(try_state("ogm2.AAAA"), Some("unsupported_state_version".into()));
    assert_eq!(try_state("ogd1.AA"), Some("invalid_state".into()));
    assert_eq!(try_state(&good[..good.len() - 3]), Some("invalid_state".into()));
    assert_eq!(try_state(&format!("{good}AAAA")), Some("invalid_state".into()));
    assert_eq!(try_state("ogm1.__________8B"), Some("invalid_state".into()));
    assert_eq!(try_state("ogm1.!!"), Some("invalid_state".into()));
    // every truncation and every single-character change is an error or a valid state, never a panic
    for cut in 0..good.len() {
        let _ = try_state(&good[..cut]);
    }
    for i in 5..good.len() {
        for c in ['A', 'z', '_', '0'] {
            let mut s = good.clone().into_bytes();
            s[i] = c as u8;
            let _ = try_state(std::str::from_utf8(&s).unwrap());
        }
    }
}

#[test]
fn the_in_place_path_hashes_and_fires_exactly_like_the_normalised_path() {
    use officeguy_make::trigger::fields::fields_of;
    use officeguy_make::trigger::hash::{content_hash, properties_hash};
    let shapes = [
        json!({}),
        json!({"A": [1], "B": ["x"], "C": [], "D": [""], "E": ""}),
        json!({"R": [{"ID": 5, "Name": "n", "SchemaID": 2, "Version": 3}], "M": [1, 2, {"ID": 9}], "N": [[1], []]}),
        json!({"Big": [{"ID": 9007199254740995u64, "Name": null}], "F": [3540.0], "G": [-2.5], "H": [true, null]}),
        json!({"O": [{"x": [1], "y": ""}], "שם": ["\u{200f}שלום 👋"]}),
    ];
    for props in &shapes {
        assert_eq!(properties_hash(props.as_object().unwrap()), content_hash(&fields_of(props.as_object().unwrap())), "{props}");
    }
    let subs_json = json!([
        {"id": "a", "folder": 10, "types": ["createOrUpdate"], "filters": [{"Property": "A", "Value": [1, 2]}]},
        {"id": "b", "folder": 10, "types": ["createOrUpdate", "delete"]}
    ]);
    let mut by_card = Matcher::new(parse_subscriptions(&subs_json).unwrap(), None, None).unwrap();
    let mut by_value = Matcher::new(parse_subscriptions(&subs_json).unwrap(), None, None).unwrap();
    for (i, props) in shapes.iter().cycle().take(40).enumerate() {
        let t = if i % 7 == 6 { "Delete" } else { "CreateOrUpdate" };
        let raw = json!({"Folder": 10, "EntityID": 1 + (i as u64 % 3), "Type": t, "Properties": props});
        let e = event_from_value(raw.clone()).unwrap();
        assert_eq!(by_value.accept_value(&raw, None).unwrap(), by_card.accept(&e.card, e.trigger_type, None));
    }
    assert_eq!(by_value.save_state(), by_card.save_state());
}

#[test]
fn an_event_that_went_through_js_output_is_the_same_content() {
    // integers beyond 2^53 reach JS as text; fed back, they must not look like a change
    let raw = json!({"Folder": 10, "EntityID": 1, "Type": "CreateOrUpdate",
        "Properties": {"Big": [12345678901234567890u64], "Neg": [-9007199254740993i64], "R": [{"ID": 9007199254740995u64, "Name": "x"}]}});
    let e = event_from_value(raw.clone()).unwrap();
    let through_js: Value = serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
    assert_eq!(through_js["properties"]["Big"][0], "12345678901234567890");
    let mut m = create_or_update();
    assert_eq!(m.accept_value(&raw, None).unwrap().len(), 1);
    assert!(m.accept_value(&through_js, None).unwrap().is_empty());
}

#[test]
fn the_streaming_path_agrees_with_the_full_path_on_every_shape() {
    use officeguy_make::trigger::digest::digest;
    use officeguy_make::trigger::hash::properties_hash;
    let bodies = [
        r#"{"Folder":10,"EntityID":1,"Type":"CreateOrUpdate","Properties":{"A":[1],"B":["x"],"C":[],"D":[""],"E":""}}"#,
        r#"{"Properties":{"R":[{"ID":5,"Name":"n","SchemaID":2,"Version":3}],"M":[1,2,{"ID":9}],"N":[[1],[]]},"EntityID":"1","Folder":"10"}"#,
        r#"{"EntityID":2,"Properties":{"Big":[{"ID":9007199254740995,"Name":null}],"F":[3540.0000],"G":[-2.5],"H":[true,null],"I":[-9007199254740993]}}"#,
        r#"{"EntityID":2,"Type":"Update","Properties":{"O":[{"x":[1],"y":""}],"\u05e9\u05dd":["\u200fשלום 👋"],"S":[{"ID":"0042","Name":"q","SchemaID":"x"}]}}"#,
        r#"{"EntityID":3,"Type":"Archive"}"#,
        r#"{"EntityID":3,"Type":"Delete","Properties":null,"Extra":{"deep":[1,2,3]}}"#,
        r#"{"EntityID":4,"Type":"Create","Properties":{"Tier":["gold"],"Amount":[150.5]}}"#,
        r#"{"EntityID":4,"Type":"CreateOrUpdate","Properties":{"Tier":["silver"],"Amount":[150.5]}}"#,
        // shapes the streaming path leaves to the full path
        r#"{"entityId":5,"folder":10,"type":"createOrUpdate","properties":{"A":[1]}}"#,
        r#"[10, 6, "Update", {"A": [1]}]"#,
        "json=%7B%22EntityID%22%3A7%2C%22Properties%22%3A%7B%22A%22%3A%5B1%5D%7D%7D",
        r#"{"EntityID":8,"Properties":{"A":[1],"A":[2]}}"#,
        r#"{"EntityID":8,"Properties":{"R":[{"ID":1,"ID":2}]}}"#,
        r#"{"EntityID":8,"EntityID":9}"#,
        r#"{"EntityID":"x"}"#,
        r#"{"EntityID":1,"Type":"Moved"}"#,
        r#"{"EntityID":1,"Properties":[1]}"#,
        r#"{"Folder":1}"#,
        r#"{"EntityID":1} trailing"#,
        "not json",
    ];
    for b in &bodies[..8] {
        let d = digest(b, &[]).unwrap_or_else(|| panic!("{b}"));
        let v: Value = serde_json::from_str(b).unwrap();
        let empty = serde_json::Map::new();
        let props = v.get("Properties").and_then(Value::as_object).unwrap_or(&empty);
        assert_eq!(d.hash, properties_hash(props), "{b}");
    }
    for b in &bodies[8..] {
        assert!(digest(b, &[]).is_none(), "{b}");
    }
    let subs_json = json!([
        {"id": "a", "folder": 10, "types": ["createOrUpdate", "create", "update"], "filters": [{"Property": "Tier", "Value": "gold"}]},
        {"id": "b", "types": ["createOrUpdate", "archive", "delete", "create", "update"], "folder": 10}
    ]);
    let mut fast = Matcher::new(parse_subscriptions(&subs_json).unwrap(), None, None).unwrap();
    let mut full = Matcher::new(parse_subscriptions(&subs_json).unwrap(), None, None).unwrap();
    for round in 0..2 {
        for b in bodies {
            let slow = serde_json::from_str::<Value>(b)
                .map_err(|_| ())
                .and_then(|v| full.accept_value(&v, None).map_err(|_| ()));
            let slow = if b.starts_with("json=") {
                officeguy_make::trigger::body::decode_raw(None, b.as_bytes())
                    .map_err(|_| ())
                    .and_then(|v| full.accept_value(&v, None).map_err(|_| ()))
            } else {
                slow
            };
            assert_eq!(fast.accept_text(b, None).map_err(|_| ()), slow, "round {round}: {b}");
        }
    }
    assert_eq!(fast.save_state(), full.save_state());
}
