//! From a council's own spreadsheet to Redress's fields: which column is
//! which (guessed from the headers by name and by the synonyms councils use,
//! or stated in a mapping file), and the council's own words for values
//! ("Justified" for upheld). The guess says why it matched each column.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::COLUMNS;

/// Why a column was matched to a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The mapping file says so.
    Mapping,
    /// The header is the field's own name.
    Name,
    /// The header is a word councils use for the field.
    Synonym,
}

impl Reason {
    /// In words.
    pub fn words(self) -> &'static str {
        match self {
            Reason::Mapping => "the mapping file says so",
            Reason::Name => "its name",
            Reason::Synonym => "a name councils use for it",
        }
    }
}

/// One column of the sheet and the field it fills, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMatch {
    /// The header as the sheet has it.
    pub header: String,
    /// The field (one of [`COLUMNS`]), or none: not imported.
    pub field: Option<&'static str>,
    /// Why, when there is a field.
    pub reason: Option<Reason>,
}

/// How a sheet's columns and words become Redress's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapping {
    /// Header (as written) to field, stated rather than guessed.
    pub columns: BTreeMap<String, String>,
    /// For a field, the council's word to Redress's.
    pub values: BTreeMap<String, BTreeMap<String, String>>,
}

/// A mapping file that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MappingError {
    /// Not TOML of the mapping's shape.
    #[error("the mapping file cannot be read: {0}")]
    Unreadable(String),
    /// A field Redress does not have.
    #[error("the mapping names '{0}', which is not a field: the fields are {fields}, or \"\" for a column not imported", fields = COLUMNS.join(", "))]
    UnknownField(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    #[serde(default)]
    columns: BTreeMap<String, String>,
    #[serde(default)]
    values: BTreeMap<String, BTreeMap<String, String>>,
}

/// Other names councils give each field's column, normalised (see
/// [`normalised`]).
const SYNONYMS: &[(&str, &[&str])] = &[
    (
        "reference",
        &[
            "ref",
            "caseref",
            "casereference",
            "complaintref",
            "complaintreference",
            "refno",
            "referenceno",
            "referencenumber",
            "caseno",
            "casenumber",
            "complaintno",
            "complaintnumber",
        ],
    ),
    (
        "received_on",
        &[
            "received",
            "datereceived",
            "daterecieved",
            "datelogged",
            "logged",
            "loggedon",
            "datecomplaintreceived",
            "complaintreceived",
            "dateofcomplaint",
            "receiveddate",
        ],
    ),
    (
        "service_area",
        &[
            "department",
            "dept",
            "directorate",
            "service",
            "serviceareas",
            "team",
            "division",
        ],
    ),
    (
        "channel",
        &[
            "howreceived",
            "receivedby",
            "receivedvia",
            "method",
            "contactmethod",
            "source",
        ],
    ),
    (
        "category",
        &[
            "type",
            "complainttype",
            "categoryofcomplaint",
            "subjectarea",
        ],
    ),
    (
        "complainant_name",
        &[
            "complainant",
            "customername",
            "customer",
            "name",
            "fullname",
            "nameofcomplainant",
        ],
    ),
    (
        "complainant_email",
        &["email", "emailaddress", "customeremail"],
    ),
    (
        "complainant_phone",
        &[
            "phone",
            "telephone",
            "tel",
            "phonenumber",
            "telephonenumber",
            "mobile",
        ],
    ),
    ("complainant_address", &["address", "customeraddress"]),
    ("complainant_postcode", &["postcode", "postalcode"]),
    (
        "summary",
        &["subject", "title", "complaintsummary", "briefdescription"],
    ),
    (
        "description",
        &[
            "details",
            "complaintdetails",
            "complaint",
            "descriptionofcomplaint",
            "natureofcomplaint",
        ],
    ),
    (
        "outcome_sought",
        &[
            "outcomesought",
            "desiredoutcome",
            "resolutionsought",
            "whattheywant",
        ],
    ),
    (
        "officer",
        &[
            "investigatingofficer",
            "handler",
            "handlingofficer",
            "assignedto",
            "owner",
            "caseofficer",
            "responsibleofficer",
        ],
    ),
    (
        "stage1_acknowledged_on",
        &[
            "acknowledged",
            "dateacknowledged",
            "acknowledgeddate",
            "acknowledgementdate",
            "ackdate",
        ],
    ),
    (
        "stage1_responded_on",
        &[
            "responded",
            "dateresponded",
            "responsedate",
            "dateofresponse",
            "respondedon",
            "stage1responsedate",
            "stage1responded",
        ],
    ),
    (
        "stage1_outcome",
        &[
            "outcome",
            "result",
            "decision",
            "stage1result",
            "stage1decision",
        ],
    ),
    (
        "stage2_requested_on",
        &[
            "escalated",
            "dateescalated",
            "escalatedon",
            "stage2received",
            "stage2datereceived",
            "stage2requested",
        ],
    ),
    (
        "stage2_responded_on",
        &[
            "stage2responsedate",
            "stage2responded",
            "stage2dateresponded",
        ],
    ),
    ("stage2_outcome", &["stage2result", "stage2decision"]),
    (
        "closed_on",
        &["closed", "dateclosed", "closeddate", "closuredate"],
    ),
    ("closed_reason", &["closurereason", "reasonclosed"]),
    ("withdrawn_on", &["withdrawn", "datewithdrawn"]),
    (
        "ombudsman_referred_on",
        &[
            "referredtotheombudsman",
            "referredtoombudsman",
            "ombudsmanreferral",
            "ombudsmanreferraldate",
            "datereferredtoombudsman",
            "datereferredtotheombudsman",
        ],
    ),
    (
        "ombudsman_outcome",
        &[
            "ombudsmansdecision",
            "ombudsmandecision",
            "ombudsmanoutcome",
        ],
    ),
    (
        "stage",
        &["complaintstage", "stagenumber", "stageno", "level"],
    ),
];

/// A header as compared: lower case, letters and digits only, so
/// "Date received", "date_received" and "DATE-RECEIVED" are the same.
pub fn normalised(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn field_named(name: &str) -> Option<&'static str> {
    let wanted = normalised(name);
    COLUMNS
        .iter()
        .chain(super::IMPORT_ONLY_COLUMNS.iter())
        .copied()
        .find(|c| normalised(c) == wanted)
}

impl Mapping {
    /// Reads a mapping file (TOML: `[columns]` header = field, and
    /// `[values.FIELD]` council word = Redress word).
    pub fn from_toml(text: &str) -> Result<Mapping, MappingError> {
        let file: MappingFile =
            toml::from_str(text).map_err(|e| MappingError::Unreadable(e.message().to_owned()))?;
        for field in file.columns.values().chain(file.values.keys()) {
            if !field.trim().is_empty() && field_named(field).is_none() {
                return Err(MappingError::UnknownField(field.clone()));
            }
        }
        Ok(Mapping {
            columns: file.columns,
            values: file.values,
        })
    }

    /// Writes the mapping as its file (what "save the mapping" keeps).
    pub fn to_toml(&self) -> String {
        let mut out = String::from("[columns]\n");
        for (header, field) in &self.columns {
            out.push_str(&format!("{} = {}\n", quoted(header), quoted(field)));
        }
        for (field, words) in &self.values {
            out.push_str(&format!("\n[values.{}]\n", quoted(field)));
            for (word, value) in words {
                out.push_str(&format!("{} = {}\n", quoted(word), quoted(value)));
            }
        }
        out
    }

    /// Which field each header fills: the mapping's word first, then the
    /// field's own name, then a synonym; a field is filled by one column
    /// at most (the first that claims it).
    pub fn match_columns(&self, headers: &[String]) -> Vec<ColumnMatch> {
        let stated: BTreeMap<String, &String> = self
            .columns
            .iter()
            .map(|(header, field)| (normalised(header), field))
            .collect();
        let mut taken: Vec<&'static str> = Vec::new();
        let mut matches: Vec<ColumnMatch> = headers
            .iter()
            .map(|header| ColumnMatch {
                header: header.clone(),
                field: None,
                reason: None,
            })
            .collect();
        // Stated columns claim their fields before any guess.
        for m in &mut matches {
            if let Some(field) = stated.get(&normalised(&m.header)) {
                m.reason = Some(Reason::Mapping);
                m.field = field_named(field).filter(|f| !taken.contains(f));
                if let Some(f) = m.field {
                    taken.push(f);
                }
            }
        }
        for pass in [Reason::Name, Reason::Synonym] {
            for m in matches.iter_mut().filter(|m| m.reason.is_none()) {
                let wanted = normalised(&m.header);
                let found = match pass {
                    Reason::Name => field_named(&m.header),
                    _ => SYNONYMS
                        .iter()
                        .find(|(_, words)| words.contains(&wanted.as_str()))
                        .map(|(field, _)| *field),
                };
                if let Some(field) = found.filter(|f| !taken.contains(f)) {
                    taken.push(field);
                    m.field = Some(field);
                    m.reason = Some(pass);
                }
            }
        }
        for m in &mut matches {
            if m.field.is_none() {
                m.reason = None;
            }
        }
        matches
    }

    /// This mapping with every header of the sheet stated: the field the
    /// guess (or the mapping) gives it, or `""` for a column not imported.
    /// What the window shows, to edit and send back.
    pub fn stated_for(&self, headers: &[String]) -> Mapping {
        let columns = self
            .match_columns(headers)
            .into_iter()
            .filter(|m| !m.header.trim().is_empty())
            .map(|m| (m.header, m.field.unwrap_or("").to_owned()))
            .collect();
        Mapping {
            columns,
            values: self.values.clone(),
        }
    }

    /// A field's council words, by their normal form, to Redress's.
    pub fn words_for(&self, field: &str) -> std::collections::HashMap<String, &str> {
        self.values
            .iter()
            .filter(|(f, _)| field_named(f) == field_named(field))
            .flat_map(|(_, words)| words.iter().map(|(w, v)| (normalised(w), v.as_str())))
            .collect()
    }

    /// The council's word for a field's value in Redress's words, if the
    /// mapping has one (capitals and spaces aside).
    pub fn value<'a>(&'a self, field: &str, word: &str) -> Option<&'a str> {
        let words = self
            .values
            .iter()
            .find(|(f, _)| field_named(f) == field_named(field))?
            .1;
        let wanted = normalised(word);
        words
            .iter()
            .find(|(w, _)| normalised(w) == wanted)
            .map(|(_, v)| v.as_str())
    }
}

fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| (*n).to_owned()).collect()
    }

    #[test]
    fn a_councils_headers_are_matched_by_name_and_synonym() {
        let matched = Mapping::default().match_columns(&headers(&[
            "Ref",
            "Date received",
            "Department",
            "Complainant",
            "Details",
            "Our notes",
        ]));
        let fields: Vec<Option<&str>> = matched.iter().map(|m| m.field).collect();
        assert_eq!(
            fields,
            [
                Some("reference"),
                Some("received_on"),
                Some("service_area"),
                Some("complainant_name"),
                Some("description"),
                None
            ]
        );
        assert_eq!(matched[0].reason, Some(Reason::Synonym));
        let own = Mapping::default().match_columns(&headers(&["RECEIVED_ON", "Service Area"]));
        assert_eq!(own[0].reason, Some(Reason::Name));
        assert_eq!(own[1].field, Some("service_area"));
        let ombudsman = Mapping::default().match_columns(&headers(&[
            "Referred to the Ombudsman",
            "Ombudsman's decision",
        ]));
        assert_eq!(ombudsman[0].field, Some("ombudsman_referred_on"));
        assert_eq!(ombudsman[1].field, Some("ombudsman_outcome"));
    }

    #[test]
    fn a_mapping_file_states_columns_and_words_and_refuses_unknown_fields() {
        let mapping = Mapping::from_toml(
            "[columns]\n\"Date logged\" = \"received_on\"\n\"Stage 1 result\" = \"stage1_outcome\"\n\
             [values.stage1_outcome]\n\"Justified\" = \"upheld\"\n\"Not justified\" = \"not upheld\"\n",
        )
        .expect("mapping");
        let matched = mapping.match_columns(&headers(&["Date logged", "Stage 1 result"]));
        assert_eq!(matched[1].field, Some("stage1_outcome"));
        assert_eq!(matched[1].reason, Some(Reason::Mapping));
        assert_eq!(
            mapping.value("stage1_outcome", " not JUSTIFIED"),
            Some("not upheld")
        );
        assert_eq!(Mapping::from_toml(&mapping.to_toml()), Ok(mapping));
        let err = Mapping::from_toml("[columns]\n\"When\" = \"received_date\"\n").unwrap_err();
        assert!(
            err.to_string()
                .contains("'received_date', which is not a field"),
            "{err}"
        );
        assert!(err.to_string().contains("received_on"));
    }
}
