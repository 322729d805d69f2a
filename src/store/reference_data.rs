//! Reference data every case points at: service areas, categories and
//! officers, all editable by the council.

use rusqlite::{params, OptionalExtension, Transaction};

use super::{Store, StoreError};
use crate::case::{Named, OfficerRef};

/// An officer who handles or reviews complaints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Officer {
    /// Id in the store.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Job title.
    pub job_title: String,
    /// The service area they work in.
    pub service_area: Option<Named>,
    /// Email address.
    pub email: String,
    /// Phone number.
    pub phone: String,
}

impl Officer {
    /// How a case refers to this officer.
    pub fn as_ref(&self) -> OfficerRef {
        OfficerRef {
            id: self.id,
            name: self.name.clone(),
            service_area_id: self.service_area.as_ref().map(|a| a.id),
        }
    }
}

/// An officer to add.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewOfficer {
    /// Name (unique).
    pub name: String,
    /// Job title.
    pub job_title: String,
    /// The service area's name (created if new).
    pub service_area: Option<String>,
    /// Email address.
    pub email: String,
    /// Phone number.
    pub phone: String,
}

/// The id of the named row in `table`, creating it if new.
pub(super) fn named_id(tx: &Transaction<'_>, table: &str, name: &str) -> Result<Named, StoreError> {
    let name = name.trim();
    let found: Option<(i64, String)> = tx
        .query_row(
            &format!("SELECT id, name FROM {table} WHERE name = ?1"),
            [name],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((id, name)) = found {
        return Ok(Named { id, name });
    }
    tx.execute(&format!("INSERT INTO {table} (name) VALUES (?1)"), [name])?;
    Ok(Named {
        id: tx.last_insert_rowid(),
        name: name.to_owned(),
    })
}

/// The officer with this name, if any.
pub(super) fn officer_by_name(
    tx: &rusqlite::Connection,
    name: &str,
) -> Result<Option<Officer>, StoreError> {
    let officer = tx
        .query_row(
            "SELECT o.id, o.name, o.job_title, o.email, o.phone, a.id, a.name
             FROM officers o LEFT JOIN service_areas a ON a.id = o.service_area_id
             WHERE o.name = ?1",
            [name.trim()],
            officer_from_row,
        )
        .optional()?;
    Ok(officer)
}

fn officer_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Officer> {
    let area_id: Option<i64> = r.get(5)?;
    let area_name: Option<String> = r.get(6)?;
    Ok(Officer {
        id: r.get(0)?,
        name: r.get(1)?,
        job_title: r.get(2)?,
        email: r.get(3)?,
        phone: r.get(4)?,
        service_area: area_id.zip(area_name).map(|(id, name)| Named { id, name }),
    })
}

/// Checks an officer's details (a name, not another officer's) and finds or
/// creates their service area. `own_id` is the officer being changed, if any.
fn checked_officer(
    tx: &Transaction<'_>,
    officer: &NewOfficer,
    own_id: Option<i64>,
) -> Result<Option<Named>, StoreError> {
    let name = officer.name.trim();
    if name.is_empty() {
        return Err(crate::case::RuleError::Required {
            field: "name",
            what: "the officer's name",
        }
        .into());
    }
    if let Some(other) = officer_by_name(tx, name)? {
        if Some(other.id) != own_id {
            return Err(StoreError::DuplicateOfficer(name.to_owned()));
        }
    }
    officer
        .service_area
        .as_deref()
        .filter(|a| !a.trim().is_empty())
        .map(|a| named_id(tx, "service_areas", a))
        .transpose()
}

/// Adds an officer inside a transaction; an existing name is refused.
pub(super) fn insert_officer(
    tx: &Transaction<'_>,
    officer: &NewOfficer,
) -> Result<Officer, StoreError> {
    let name = officer.name.trim();
    let area = checked_officer(tx, officer, None)?;
    tx.execute(
        "INSERT INTO officers (name, job_title, service_area_id, email, phone) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            name,
            officer.job_title.trim(),
            area.as_ref().map(|a| a.id),
            officer.email.trim(),
            officer.phone.trim()
        ],
    )?;
    Ok(Officer {
        id: tx.last_insert_rowid(),
        name: name.to_owned(),
        job_title: officer.job_title.trim().to_owned(),
        service_area: area,
        email: officer.email.trim().to_owned(),
        phone: officer.phone.trim().to_owned(),
    })
}

impl Store {
    /// Adds an officer.
    pub fn add_officer(&mut self, officer: &NewOfficer) -> Result<Officer, StoreError> {
        self.transaction(|tx| insert_officer(tx, officer))
    }

    /// Changes an officer's details (the name too). Cases follow, since they
    /// refer to the officer, not the name.
    pub fn update_officer(
        &mut self,
        name: &str,
        changed: &NewOfficer,
    ) -> Result<Officer, StoreError> {
        self.transaction(|tx| {
            let current = officer_by_name(tx, name)?.ok_or_else(|| StoreError::UnknownOfficer(name.trim().to_owned()))?;
            let new_name = changed.name.trim();
            let area = checked_officer(tx, changed, Some(current.id))?;
            tx.execute(
                "UPDATE officers SET name = ?2, job_title = ?3, service_area_id = ?4, email = ?5, phone = ?6 WHERE id = ?1",
                params![
                    current.id,
                    new_name,
                    changed.job_title.trim(),
                    area.as_ref().map(|a| a.id),
                    changed.email.trim(),
                    changed.phone.trim()
                ],
            )?;
            // Search finds cases by their officers' names: re-index them.
            let references: Vec<String> = tx
                .prepare(
                    "SELECT reference FROM cases WHERE officer_id = ?1
                     UNION SELECT c.reference FROM cases c JOIN stages s ON s.case_id = c.id WHERE s.handler_id = ?1",
                )?
                .query_map([current.id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            for reference in references {
                super::search::index_case(tx, &super::cases::load_case(tx, &reference)?)?;
            }
            officer_by_name(tx, new_name)?.ok_or_else(|| StoreError::UnknownOfficer(new_name.to_owned()))
        })
    }

    /// Renames a service area or category (`categories` chooses which).
    pub fn rename(&mut self, categories: bool, from: &str, to: &str) -> Result<Named, StoreError> {
        let table = if categories {
            "categories"
        } else {
            "service_areas"
        };
        let to = to.trim();
        if to.is_empty() {
            return Err(crate::case::RuleError::Required {
                field: "name",
                what: "the new name",
            }
            .into());
        }
        self.transaction(|tx| {
            let clash: Option<String> = tx
                .query_row(
                    &format!("SELECT name FROM {table} WHERE name = ?1 AND name <> ?2"),
                    params![to, from.trim()],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(clash) = clash {
                return Err(StoreError::DuplicateName(clash));
            }
            let changed = tx.execute(
                &format!("UPDATE {table} SET name = ?2 WHERE name = ?1"),
                params![from.trim(), to],
            )?;
            if changed == 0 {
                return Err(StoreError::UnknownName(from.trim().to_owned()));
            }
            named_id(tx, table, to)
        })
    }

    /// Every officer, by name.
    pub fn officers(&self) -> Result<Vec<Officer>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT o.id, o.name, o.job_title, o.email, o.phone, a.id, a.name
             FROM officers o LEFT JOIN service_areas a ON a.id = o.service_area_id
             ORDER BY o.name",
        )?;
        let officers = stmt
            .query_map([], officer_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(officers)
    }

    /// The officer with this name.
    pub fn officer(&self, name: &str) -> Result<Officer, StoreError> {
        officer_by_name(&self.conn, name)?
            .ok_or_else(|| StoreError::UnknownOfficer(name.trim().to_owned()))
    }

    /// Adds a service area (or finds the existing one of that name).
    pub fn add_service_area(&mut self, name: &str) -> Result<Named, StoreError> {
        if name.trim().is_empty() {
            return Err(crate::case::RuleError::Required {
                field: "name",
                what: "the service area's name",
            }
            .into());
        }
        self.transaction(|tx| named_id(tx, "service_areas", name))
    }

    /// Adds a category (or finds the existing one of that name).
    pub fn add_category(&mut self, name: &str) -> Result<Named, StoreError> {
        if name.trim().is_empty() {
            return Err(crate::case::RuleError::Required {
                field: "name",
                what: "the category's name",
            }
            .into());
        }
        self.transaction(|tx| named_id(tx, "categories", name))
    }

    /// Every service area, by name.
    pub fn service_areas(&self) -> Result<Vec<Named>, StoreError> {
        self.names("service_areas")
    }

    /// Every category, by name.
    pub fn categories(&self) -> Result<Vec<Named>, StoreError> {
        self.names("categories")
    }

    fn names(&self, table: &str) -> Result<Vec<Named>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT id, name FROM {table} ORDER BY name"))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(Named {
                    id: r.get(0)?,
                    name: r.get(1)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}
