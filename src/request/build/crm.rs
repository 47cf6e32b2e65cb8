//! Cards (CRM entities), folders and views.

use super::super::reader::{Ctx, Scope};
use super::super::{Json, Obj};
use crate::error::Path;
// a card written here may have as many fields as the trigger engine reads from one
use crate::api::MAX_CARD_PROPERTIES as MAX_PROPERTIES;
use crate::validate::{self, is_blank, kind_of};
use serde_json::{Map, Value};

const MAX_PROPERTY_NAME: usize = 250;

/// Card properties: an object `{APIName: value}`, its JSON text, or a list of
/// `{key|name, value}` (how Make maps key-value pairs). Values pass through as given; blank
/// values are left out, since Make sends unmapped values as `""`.
fn properties(s: &Scope, ctx: &mut Ctx) -> Option<Obj> {
    let Some(v) = s.given("properties") else {
        if s.spec("properties").is_some_and(|f| f.required) {
            ctx.required(s, "properties");
        }
        return None;
    };
    let base = s.at("properties");
    let before = ctx.issues.len();
    let parsed;
    let v = match v {
        Value::String(text) => match serde_json::from_str::<Value>(text) {
            Ok(p) => {
                parsed = p;
                &parsed
            }
            Err(_) => {
                ctx.issue(&base, "invalid_json", "is text that is not a JSON object");
                return None;
            }
        },
        other => other,
    };
    let count = match v {
        Value::Object(map) => map.len(),
        Value::Array(list) => list.len(),
        _ => 0,
    };
    if count > MAX_PROPERTIES {
        ctx.issue(&base, "too_many", format!("has {count} fields; a card may have at most {MAX_PROPERTIES}"));
        return None;
    }
    let mut pairs: Vec<(Path, String, Value)> = Vec::new();
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                pairs.push((base.key(k), k.clone(), v.clone()));
            }
        }
        Value::Array(list) => {
            for (i, entry) in list.iter().enumerate() {
                let path = base.index(i);
                let key = entry.get("key").or_else(|| entry.get("name")).and_then(Value::as_str);
                match (entry, key) {
                    (Value::Object(_), Some(k)) => pairs.push((path, k.to_string(), entry.get("value").cloned().unwrap_or(Value::Null))),
                    _ => ctx.issue(&path, "invalid_type", "must be an object {key, value}"),
                }
            }
        }
        other => {
            ctx.issue(&base, "invalid_type", format!("must be an object of field names and values, not {}", kind_of(other)));
            return None;
        }
    }
    let mut out = Obj::new();
    for (path, key, value) in pairs {
        let key = validate::strip_direction_marks(&key).trim().to_string();
        if key.is_empty() {
            ctx.issue(&path, "invalid_property_name", "a field name must not be empty");
        } else if key.chars().count() > MAX_PROPERTY_NAME {
            ctx.issue(&path, "too_long", format!("a field name may have at most {MAX_PROPERTY_NAME} characters"));
        } else if !is_blank(&value) {
            out.put_named(key, value);
        }
    }
    if out.is_empty() && ctx.issues.len() == before && s.spec("properties").is_some_and(|f| f.required) {
        ctx.issue(&base, "required", "needs at least one field with a value");
    }
    Some(out)
}

#[inline(never)]
pub(super) fn create_card(s: &Scope, ctx: &mut Ctx) -> Obj {
    let mut entity = Obj::new();
    entity.opt("Folder", ctx.folder(s, "folder")).opt("Properties", properties(s, ctx));
    let mut body = Obj::new();
    body.put("Entity", entity);
    body
}

#[inline(never)]
pub(super) fn update_card(s: &Scope, ctx: &mut Ctx) -> Obj {
    let mut entity = Obj::new();
    entity
        .opt("ID", ctx.id(s, "entityId"))
        .opt("Folder", ctx.folder(s, "folder"))
        .opt("Properties", properties(s, ctx));
    let mut body = Obj::new();
    body.put("Entity", entity).opt("RemoveExistingProperties", ctx.boolean(s, "removeExistingProperties"));
    body
}

#[inline(never)]
pub(super) fn entity_id(s: &Scope, ctx: &mut Ctx) -> Obj {
    let mut body = Obj::new();
    body.opt("EntityID", ctx.id(s, "entityId"));
    body
}

#[inline(never)]
pub(super) fn list_folders(s: &Scope, ctx: &mut Ctx) -> Obj {
    let mut body = Obj::new();
    body.opt("NameFilter", ctx.text(s, "nameFilter"));
    body
}

#[inline(never)]
pub(super) fn get_folder(s: &Scope, ctx: &mut Ctx) -> Obj {
    let mut body = Obj::new();
    body.opt("Folder", ctx.folder(s, "folder")).opt("IncludeProperties", ctx.boolean(s, "includeProperties"));
    body
}

#[inline(never)]
pub(super) fn list_views(s: &Scope, ctx: &mut Ctx) -> Obj {
    let mut body = Obj::new();
    body.opt("FolderID", ctx.id(s, "folderId"));
    body
}

fn nested<'a>(s: &Scope<'a>, key: &str, map: &'a Map<String, Value>, path: &'a Path) -> Scope<'a> {
    Scope::new(map, path, s.spec(key).map_or(&[][..], |f| f.nested_fields()))
}

#[inline(never)]
pub(super) fn list_entities(s: &Scope, ctx: &mut Ctx) -> Obj {
    let mut body = Obj::new();
    body.opt("Folder", ctx.folder(s, "folder"))
        .opt("IncludeInheritedFolders", ctx.boolean(s, "includeInheritedFolders"));
    if let Some(list) = ctx.list(s, "filters") {
        let base = s.at("filters");
        let mut filters = Vec::new();
        for (i, v) in list.iter().enumerate() {
            let path = base.index(i);
            let Value::Object(map) = v else {
                ctx.issue(&path, "invalid_type", format!("must be an object, not {}", kind_of(v)));
                continue;
            };
            let fs = nested(s, "filters", map, &path);
            ctx.unknown_keys(&fs);
            let mut f = Obj::new();
            f.opt("Property", ctx.text(&fs, "property"))
                .opt("Value", fs.given("value").cloned().map(Json::Raw))
                .opt("DateRange_From", ctx.date(&fs, "from"))
                .opt("DateRange_To", ctx.date(&fs, "to"))
                .opt("Negative", ctx.boolean(&fs, "negative"));
            filters.push(Json::Obj(f));
        }
        if !filters.is_empty() {
            body.put("Filters", filters);
        }
    }
    if let Some(map) = ctx.object(s, "order") {
        let path = s.at("order");
        let os = nested(s, "order", map, &path);
        ctx.unknown_keys(&os);
        let mut o = Obj::new();
        o.opt("Property", ctx.text(&os, "property")).opt("Descending", ctx.boolean(&os, "descending"));
        body.put("Order", o);
    }
    if let Some(map) = ctx.object(s, "paging") {
        let path = s.at("paging");
        let ps = nested(s, "paging", map, &path);
        ctx.unknown_keys(&ps);
        let mut p = Obj::new();
        p.opt("StartIndex", ctx.read(&ps, "startIndex", |v, _| validate::integer(v, 0, i32::MAX as i64)))
            .opt("PageSize", ctx.integer(&ps, "pageSize"));
        if !p.is_empty() {
            body.put("Paging", p);
        }
    }
    body.opt("LoadProperties", ctx.boolean(s, "loadProperties"));
    body
}
