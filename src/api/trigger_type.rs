//! SUMIT's trigger types. The subscribe call takes them as strings (no integer form is
//! documented); deliveries echo the subscription's type in `Type`.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TriggerType {
    CreateOrUpdate,
    Create,
    Update,
    Archive,
    Delete,
}

impl TriggerType {
    pub const ALL: [TriggerType; 5] = [
        TriggerType::CreateOrUpdate,
        TriggerType::Create,
        TriggerType::Update,
        TriggerType::Archive,
        TriggerType::Delete,
    ];

    /// The name on the wire, as `/triggers/triggers/subscribe/` takes it.
    pub fn wire_name(self) -> &'static str {
        match self {
            TriggerType::CreateOrUpdate => "CreateOrUpdate",
            TriggerType::Create => "Create",
            TriggerType::Update => "Update",
            TriggerType::Archive => "Archive",
            TriggerType::Delete => "Delete",
        }
    }

    /// The camelCase key our catalogue and JS API use (`createOrUpdate`).
    pub fn key(self) -> &'static str {
        match self {
            TriggerType::CreateOrUpdate => "createOrUpdate",
            TriggerType::Create => "create",
            TriggerType::Update => "update",
            TriggerType::Archive => "archive",
            TriggerType::Delete => "delete",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            TriggerType::CreateOrUpdate => "Created or updated",
            TriggerType::Create => "Created",
            TriggerType::Update => "Updated",
            TriggerType::Archive => "Archived",
            TriggerType::Delete => "Deleted",
        }
    }

    pub fn label_he(self) -> &'static str {
        match self {
            TriggerType::CreateOrUpdate => "נוצר או עודכן",
            TriggerType::Create => "נוצר",
            TriggerType::Update => "עודכן",
            TriggerType::Archive => "הועבר לארכיון",
            TriggerType::Delete => "נמחק",
        }
    }

    /// Accepts the wire name or the key, in any letter case (`Create`, `create`,
    /// `createOrUpdate`, `CREATEORUPDATE`, `create_or_update`).
    pub fn parse(text: &str) -> Option<TriggerType> {
        let folded: String = text.trim().chars().filter(|c| *c != '_' && *c != '-' && *c != ' ').collect();
        TriggerType::ALL.into_iter().find(|t| t.wire_name().eq_ignore_ascii_case(&folded))
    }

    pub fn valid_names() -> String {
        TriggerType::ALL.map(|t| t.key()).join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_wire_names_and_keys() {
        assert_eq!(TriggerType::parse("CreateOrUpdate"), Some(TriggerType::CreateOrUpdate));
        assert_eq!(TriggerType::parse("createOrUpdate"), Some(TriggerType::CreateOrUpdate));
        assert_eq!(TriggerType::parse("create_or_update"), Some(TriggerType::CreateOrUpdate));
        assert_eq!(TriggerType::parse("delete"), Some(TriggerType::Delete));
        assert_eq!(TriggerType::parse("Deleted"), None);
    }
}
