//! The one error type that crosses IPC: `{"code": ..., "message": ...}`, where
//! `code` is stable for the UI to branch on and `message` is for people.

use serde::Serialize;

/// A failure reported to the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct IpcError {
    /// A stable, machine-readable code such as `bad_date`.
    pub code: &'static str,
    /// A sentence the user can act on.
    pub message: String,
    /// The form field the problem is about, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
}

impl IpcError {
    /// An error about one form field.
    pub fn field(code: &'static str, field: &'static str, message: impl Into<String>) -> IpcError {
        IpcError {
            code,
            message: message.into(),
            field: Some(field),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wire_shape_is_pinned() {
        let err = IpcError::field("bad_date", "received", "'x' is not a date");
        assert_eq!(
            serde_json::to_value(&err).expect("serialises"),
            serde_json::json!({"code": "bad_date", "message": "'x' is not a date", "field": "received"})
        );
        let err = IpcError {
            code: "internal",
            message: "Something went wrong".to_owned(),
            field: None,
        };
        assert_eq!(
            serde_json::to_string(&err).expect("serialises"),
            r#"{"code":"internal","message":"Something went wrong"}"#
        );
    }
}
