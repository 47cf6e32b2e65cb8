//! Listing entities: one page, or every page by `HasNextPage`, bounded.

mod client_support;
use client_support::*;
use serde_json::{json, Value};

fn page(ids: std::ops::Range<i64>, more: bool) -> Outcome {
    let entities: Vec<Value> = ids.map(|id| json!({"ID": id, "Folder": "7"})).collect();
    ok(json!({"Entities": entities, "HasNextPage": more}))
}

fn start_indexes(script: &Script) -> Vec<Value> {
    (0..script.sent_count()).map(|i| script.body(i)["Paging"]["StartIndex"].clone()).collect()
}

#[test]
fn one_page_by_default() {
    let (client, script, _) = client(vec![page(0..10, true)]);
    let out = run(client.list_entities(&json!({"folder": "7", "paging": {"pageSize": 10}}))).unwrap();
    assert_eq!(script.sent_count(), 1);
    assert_eq!(out["entities"].as_array().unwrap().len(), 10);
    assert_eq!(out["pages"], 1);
    assert_eq!(out["hasNextPage"], true);
    assert_eq!(out["nextStartIndex"], 10);
}

#[test]
fn all_pages_follow_has_next_page_by_the_count_received() {
    let (client, script, _) = client(vec![page(0..10, true), page(10..20, true), page(20..23, false)]);
    let out = run(client.list_entities(&json!({"folder": "7", "paging": {"startIndex": 0, "pageSize": 10}, "all": true}))).unwrap();
    assert_eq!(start_indexes(&script), vec![json!(0), json!(10), json!(20)]);
    let ids: Vec<i64> = out["entities"].as_array().unwrap().iter().map(|e| e["ID"].as_i64().unwrap()).collect();
    assert_eq!(ids, (0..23).collect::<Vec<_>>());
    assert_eq!(out["pages"], 3);
    assert_eq!(out["hasNextPage"], false);
    assert_eq!(out["nextStartIndex"], Value::Null);
    // the client's own options never reach OfficeGuy
    assert!(script.body(0).get("All").is_none() && script.body(0).get("all").is_none());
}

#[test]
fn all_pages_start_at_zero_without_paging() {
    let (client, script, _) = client(vec![page(0..10, true), page(10..12, false)]);
    run(client.list_entities(&json!({"folder": "7", "all": true}))).unwrap();
    assert_eq!(start_indexes(&script), vec![json!(0), json!(10)]);
}

#[test]
fn max_pages_bounds_the_listing_and_says_where_to_go_on() {
    let (client, script, _) = client(vec![page(0..10, true), page(10..20, true)]);
    let out = run(client.list_entities(&json!({"folder": "7", "all": true, "maxPages": 2}))).unwrap();
    assert_eq!(script.sent_count(), 2);
    assert_eq!(out["hasNextPage"], true);
    assert_eq!(out["nextStartIndex"], 20);
}

#[test]
fn an_empty_page_that_claims_more_ends_the_listing() {
    let (client, script, _) = client(vec![page(0..10, true), page(0..0, true)]);
    let out = run(client.list_entities(&json!({"folder": "7", "all": true}))).unwrap();
    assert_eq!(script.sent_count(), 2);
    assert_eq!(out["entities"].as_array().unwrap().len(), 10);
}

#[test]
fn a_failed_page_is_retried_like_any_read() {
    let (client, script, waits) = client(vec![page(0..10, true), http(503), page(10..15, false)]);
    let out = run(client.list_entities(&json!({"folder": "7", "all": true}))).unwrap();
    assert_eq!(script.sent_count(), 3);
    assert_eq!(waits.list(), vec![500]);
    assert_eq!(out["entities"].as_array().unwrap().len(), 15);
}

#[test]
fn bad_paging_options_are_refused_with_paths() {
    let (client, script, _) = client(vec![]);
    let e = run(client.list_entities(&json!({"folder": "7", "all": "yes", "maxPages": 0}))).unwrap_err();
    assert_eq!(script.sent_count(), 0);
    let paths: Vec<_> = e.issues.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(paths, vec!["all", "maxPages"]);
}

#[test]
fn an_answer_without_entities_is_an_unexpected_response() {
    let (client, _, _) = client(vec![ok(json!({"HasNextPage": false}))]);
    let e = run(client.list_entities(&json!({"folder": "7"}))).unwrap_err();
    assert_eq!(e.code, "unexpected_response");
    assert_eq!(e.path.as_deref(), Some("Data.Entities"));
}

#[test]
fn reads_return_the_useful_part_of_data() {
    let (client, _, _) = client(vec![
        ok(json!({"Views": [{"ID": 9007199254740993_i64, "Name": "הכל"}]})),
        ok(json!({"Entity": {"ID": 5, "Customers_FullName": ["דני"]}})),
    ]);
    let views = run(client.list_views(&json!({"folderId": 1}))).unwrap();
    assert_eq!(views[0]["ID"].as_i64(), Some(9007199254740993));
    let entity = run(client.get_entity(&json!({"entityId": 5}))).unwrap();
    assert_eq!(entity["Customers_FullName"][0], "דני");
}

#[test]
fn all_pages_go_on_from_the_start_index_given() {
    let (client, script, _) = client(vec![page(20..30, true), page(30..35, false)]);
    let out = run(client.list_entities(&json!({"folder": "7", "paging": {"startIndex": 20, "pageSize": 10}, "all": true}))).unwrap();
    assert_eq!(start_indexes(&script), vec![json!(20), json!(30)]);
    assert_eq!(out["entities"].as_array().unwrap().len(), 15);
}

#[test]
fn paging_that_is_not_an_object_is_refused_with_its_path() {
    let (client, script, _) = client(vec![]);
    let e = run(client.list_entities(&json!({"folder": "7", "paging": 10, "all": true}))).unwrap_err();
    assert_eq!(e.path.as_deref(), Some("paging"));
    assert_eq!(script.sent_count(), 0);
}
