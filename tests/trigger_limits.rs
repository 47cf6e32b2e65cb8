//! Trigger batches where one item is over a limit: that item is an error at its place and
//! the others are still processed (README "Limits"; the package-level rows are in
//! tests/node/limits.test.mjs).

use officeguy_make::trigger::batch::parse_events;
use officeguy_make::trigger::diff::{diff_listing_texts, DiffEvent, DiffKind, DiffOptions};

fn deep(n: usize) -> String {
    format!("{}{}", "[".repeat(n), "]".repeat(n))
}

fn card(id: u64, extra: &str) -> String {
    format!(r#"{{"ID":{id},"Folder":"1","Name":["c{id}"]{extra}}}"#)
}

#[test]
fn a_listing_with_an_over_deep_card_diffs_the_others_and_deletes_nothing() {
    let first = diff_listing_texts(None, [card(1, ""), card(2, ""), card(3, "")].iter().map(String::as_str), DiffOptions::default())
        .unwrap()
        .expect("plain cards take the text path");
    let bad = card(2, &format!(r#","A":{}"#, deep(200)));
    let texts = [card(1, r#","X":["changed"]"#), bad, card(3, "")];
    let next = diff_listing_texts(Some(&first.state), texts.iter().map(String::as_str), DiffOptions::default())
        .unwrap()
        .expect("a too-deep card is handled here, since the full path cannot parse the listing");
    let errors: Vec<_> = next.errors.iter().map(|i| (i.path.as_str(), i.code.as_str())).collect();
    assert_eq!(errors, [("entities[1]", "too_deep")]);
    let events: Vec<_> = next
        .events
        .iter()
        .map(|e| match e {
            DiffEvent::Changed(kind, c) => (c.entity_id, *kind),
            DiffEvent::Removed { entity_id, .. } => (*entity_id, DiffKind::Remove),
        })
        .collect();
    assert_eq!(events, [(1, DiffKind::Update)], "card 2 is unreadable, not deleted");
}

#[test]
fn a_batch_of_events_with_one_over_deep_keeps_every_index() {
    let text = format!(r#"[{{"entityId":1}},{{"entityId":2,"properties":{{"a":{}}}}},{{"entityId":3}}]"#, deep(300));
    let out = parse_events(&text).unwrap();
    assert_eq!(out.len(), 3);
    assert!(out[0].is_ok() && out[2].is_ok());
    assert_eq!(out[1].as_ref().unwrap_err().code, "too_deep");
}
