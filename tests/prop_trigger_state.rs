//! TriggerMatcher save/restore, as a property: for random subscriptions, a random stream
//! of deliveries (retries, replays, archives and deletes of a few cards with ids at the
//! 64-bit edges) and a random point to save at, a matcher restored from the saved state
//! fires exactly what the matcher that never stopped fires, and ends remembering the same.
#![cfg(not(target_arch = "wasm32"))]

use officeguy_make::trigger::{parse_subscriptions, Matcher};
use proptest::prelude::*;
use serde_json::{json, Value};

const IDS: [u64; 6] = [1, 2, (1 << 53) - 1, (1 << 53) + 1, 1 << 62, i64::MAX as u64];
const TYPES: [&str; 5] = ["Create", "Update", "CreateOrUpdate", "Archive", "Delete"];
const KINDS: [&str; 5] = ["create", "update", "createOrUpdate", "archive", "delete"];

fn subscriptions() -> impl Strategy<Value = Value> {
    let one = (
        prop::sample::select(vec![10u64, 11]),
        prop::sample::subsequence(KINDS.to_vec(), 1..=3),
        prop::option::of(0u8..3),
    );
    prop::collection::vec(one, 1..4).prop_map(|subs| {
        Value::Array(
            subs.into_iter()
                .enumerate()
                .map(|(i, (folder, types, filter))| {
                    let mut s = json!({"id": format!("s{i}"), "folder": folder, "view": 1, "types": types});
                    if let Some(a) = filter {
                        s["filters"] = json!([{"Property": "A", "Value": [a]}]);
                    }
                    s
                })
                .collect(),
        )
    })
}

fn delivery() -> impl Strategy<Value = Value> {
    (prop::sample::select(vec![10u64, 11]), prop::sample::select(IDS.to_vec()), prop::sample::select(TYPES.to_vec()), 0u8..3, any::<bool>(), any::<bool>())
        .prop_map(|(folder, id, ty, a, with_b, id_as_text)| {
            let id = if id_as_text { json!(id.to_string()) } else { json!(id) };
            let mut d = json!({"Folder": folder, "EntityID": id, "Type": ty});
            if !matches!(ty, "Archive" | "Delete") {
                d["Properties"] = if with_b { json!({"A": [a], "B": ["ב"]}) } else { json!({"A": [a]}) };
            }
            d
        })
}

type Log = Vec<Vec<(usize, &'static str)>>;

fn feed(m: &mut Matcher, ds: &[Value]) -> Log {
    ds.iter()
        .map(|d| m.accept_value(d, None).unwrap().into_iter().map(|f| (f.subscription, f.kind.key())).collect())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn a_restored_matcher_behaves_as_if_it_never_stopped(
        subs in subscriptions(),
        stream in prop::collection::vec(delivery(), 0..30),
        cut in any::<prop::sample::Index>(),
        cap in prop::sample::select(vec![None, Some(1usize), Some(2), Some(4)]),
    ) {
        let subs = parse_subscriptions(&subs).unwrap();
        let k = cut.index(stream.len() + 1);
        let mut whole = Matcher::new(subs.clone(), None, cap).unwrap();
        let log = feed(&mut whole, &stream);

        let mut first = Matcher::new(subs.clone(), None, cap).unwrap();
        feed(&mut first, &stream[..k]);
        let saved = first.save_state();
        let mut restored = Matcher::new(subs, Some(&saved), cap).unwrap();
        prop_assert_eq!(restored.save_state(), saved.clone(), "restore then save changed the state");
        prop_assert_eq!(restored.remembered(), first.remembered());
        let rest = feed(&mut restored, &stream[k..]);
        prop_assert_eq!(&rest[..], &log[k..], "state {}", saved);
        prop_assert_eq!(restored.save_state(), whole.save_state());
    }
}
