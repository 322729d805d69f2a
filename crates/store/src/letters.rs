//! Letters in the database: the council's template versions, composing a
//! letter for a case from them (the right template, language, signatory and
//! Ombudsman), and keeping each issued letter with its PDF, the data and
//! wording it was made from and their SHA-256, on the case's timeline, in
//! one transaction (issuing an acknowledgement can record the
//! acknowledgement in the same one).

use rusqlite::{params, Connection, OptionalExtension};

use super::case_rows::{check_actor, load_case};
use super::cases::{apply_steps, Under};
use super::columns::{date_text, read_date, read_term};
use super::events::{append, uuid_v7_at};
use super::reference_data::officer_by_name;
use super::{Actor, Store, StoreError};
use redress::case::{CaseCommand, CaseEvent, Country, Language, Ombudsman};
use redress::letters::{
    default_template, Composed, LetterData, LetterFacts, LetterKind, Signatory, TEMPLATE_NAMES,
};
use redress::records::IssuedLetter;

/// One version of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateVersion {
    /// Its name (`acknowledgement`, `final-response`, ...).
    pub name: String,
    /// Its language.
    pub language: Language,
    /// 0 for the default Redress ships, then 1, 2, ... for the council's.
    pub version: u32,
    /// Its Markdown with fields.
    pub body: String,
}

/// What the officer asks for when making a letter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LetterRequest {
    /// Words to add (why escalation was declined).
    pub note: String,
    /// The officer's own wording of this one letter, replacing the filled
    /// template's (the template is unchanged).
    pub wording: Option<String>,
    /// Why the letter goes out although it lacks something it must say.
    pub reason: String,
    /// For an acknowledgement letter: record the stage as acknowledged on
    /// the day of issue, if it is not yet.
    pub acknowledge: bool,
}

/// A letter composed for a case, not yet issued.
#[derive(Debug, Clone, PartialEq)]
pub struct LetterDraft {
    /// Which letter.
    pub kind: LetterKind,
    /// The template it came from.
    pub template: TemplateVersion,
    /// Filled in and checked.
    pub composed: Composed,
    /// Whether the officer changed the filled wording.
    pub edited: bool,
}

/// Why a letter could not be made or issued. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum LetterError {
    /// Not a kind of letter.
    #[error("{0}")]
    Kind(#[from] redress::letters::UnknownLetterKind),
    /// The letter does not fit the case yet.
    #[error("{0}")]
    DoesNotFit(#[from] redress::letters::LetterDoesNotFit),
    /// The template could not be filled in.
    #[error("the {name} template: {source}")]
    Template {
        /// The template.
        name: String,
        /// What is wrong.
        source: redress::letters::TemplateError,
    },
    /// No template has the name.
    #[error("there is no template called '{name}': use one of {list}", name = .0, list = TEMPLATE_NAMES.join(", "))]
    UnknownTemplate(String),
    /// The letter lacks what it must say and no reason was given.
    #[error("the letter does not say {}: add it to the wording, or give a reason for sending it without", .0.join("; "))]
    Incomplete(Vec<String>),
    /// No letter has the id.
    #[error("no letter has the id '{0}'")]
    NotFound(String),
    /// A logo that cannot be used.
    #[error("{0}")]
    Logo(#[from] redress::letters::BadLogo),
    /// The store failed or refused.
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for LetterError {
    fn from(err: rusqlite::Error) -> LetterError {
        LetterError::Store(err.into())
    }
}

fn latest_template(
    conn: &Connection,
    name: &str,
    language: Language,
) -> Result<TemplateVersion, LetterError> {
    let default = default_template(name, language)
        .ok_or_else(|| LetterError::UnknownTemplate(name.to_owned()))?;
    let saved: Option<(u32, String)> = conn
        .prepare_cached(
            "SELECT version, body FROM letter_templates WHERE name = ?1 AND language = ?2
             ORDER BY version DESC LIMIT 1",
        )?
        .query_row(params![name, language.slug()], |r| r.try_into())
        .optional()?;
    let (version, body) = saved.unwrap_or((0, default.to_owned()));
    Ok(TemplateVersion {
        name: name.to_owned(),
        language,
        version,
        body,
    })
}

/// The Ombudsman of a service area: the council's choice, else the one its
/// name suggests.
fn ombudsman_of(
    conn: &Connection,
    service_area: i64,
    country: Option<Country>,
) -> Result<Ombudsman, StoreError> {
    let (name, chosen): (String, Option<String>) = conn
        .prepare_cached("SELECT name, ombudsman FROM service_areas WHERE id = ?1")?
        .query_row([service_area], |r| r.try_into())?;
    match chosen {
        Some(slug) => read_term(&slug),
        None => Ok(country.map_or_else(
            || Ombudsman::for_service_area(&name),
            |c| c.ombudsman_for(&name),
        )),
    }
}

impl Store {
    /// The template in use for `name` in `language`: the council's latest
    /// version, else the default.
    pub fn template(&self, name: &str, language: Language) -> Result<TemplateVersion, LetterError> {
        latest_template(&self.conn, name, language)
    }

    /// Saves a new version of a template, once it is checked: every field
    /// it names exists and it fills in on a sample letter.
    pub fn save_template(
        &mut self,
        name: &str,
        language: Language,
        body: &str,
        actor: &Actor,
    ) -> Result<TemplateVersion, LetterError> {
        check_actor(actor)?;
        let current = latest_template(&self.conn, name, language)?;
        let version = current.version + 1;
        self.transaction(actor, |tx| {
            Ok(tx.execute(
                "INSERT INTO letter_templates (name, language, version, body, saved_at, saved_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    name,
                    language.slug(),
                    version,
                    body,
                    actor
                        .now
                        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                    actor.name.trim()
                ],
            )?)
        })?;
        Ok(TemplateVersion {
            name: name.to_owned(),
            language,
            version,
            body: body.to_owned(),
        })
    }

    /// The council's logo for letters, a PNG, if it has one.
    pub fn logo(&self) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT png FROM letterhead_logo WHERE id = 1")?
            .query_row([], |r| r.get(0))
            .optional()?)
    }

    /// Sets (or with `None` removes) the council's logo; a file that is not
    /// a readable PNG is refused.
    pub fn set_logo(&mut self, png: Option<&[u8]>, actor: &Actor) -> Result<(), LetterError> {
        if let Some(png) = png {
            redress::letters::check_logo(png)?;
        }
        self.transaction(actor, |tx| {
            match png {
                Some(png) => tx.execute(
                    "INSERT INTO letterhead_logo (id, png) VALUES (1, ?1)
                     ON CONFLICT (id) DO UPDATE SET png = excluded.png",
                    [png],
                )?,
                None => tx.execute("DELETE FROM letterhead_logo", [])?,
            };
            Ok(())
        })?;
        Ok(())
    }

    /// Each service area with the Ombudsman its complaints go to, by name.
    pub fn service_area_ombudsmen(
        &self,
        country: Option<Country>,
    ) -> Result<Vec<(String, Ombudsman)>, StoreError> {
        let ids: Vec<(i64, String)> = self
            .conn
            .prepare_cached("SELECT id, name FROM service_areas ORDER BY name")?
            .query_map([], |r| r.try_into())?
            .collect::<Result<_, _>>()?;
        ids.into_iter()
            .map(|(id, name)| Ok((name, ombudsman_of(&self.conn, id, country)?)))
            .collect()
    }

    /// Which Ombudsman a service area's complaints go to.
    pub fn set_service_area_ombudsman(
        &mut self,
        service_area: &str,
        ombudsman: Ombudsman,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        self.transaction(actor, |tx| {
            let changed = tx.execute(
                "UPDATE service_areas SET ombudsman = ?2 WHERE name = ?1",
                params![service_area.trim(), ombudsman.slug()],
            )?;
            if changed == 0 {
                return Err(StoreError::UnknownName(service_area.trim().to_owned()));
            }
            Ok(())
        })
    }

    /// Composes a letter for a case, issued on `issued_on`: refused if it
    /// does not fit the case yet. Nothing is written.
    pub fn compose_letter(
        &self,
        reference: &str,
        kind: LetterKind,
        request: &LetterRequest,
        under: Under<'_>,
    ) -> Result<LetterDraft, LetterError> {
        compose(&self.conn, reference, kind, request, under)
    }

    /// Issues a letter: composes it, refuses it if it lacks what it must say
    /// and no reason is given, then keeps it (PDF made by `print`) with the
    /// case and on its timeline, in one transaction.
    pub fn issue_letter(
        &mut self,
        reference: &str,
        kind: LetterKind,
        request: &LetterRequest,
        actor: &Actor,
        under: Under<'_>,
        print: impl FnOnce(&Composed) -> Vec<u8>,
    ) -> Result<(IssuedLetter, Vec<u8>), LetterError> {
        check_actor(actor)?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mark = super::audit::mark(&tx)?;
        // The acknowledgement first, so the letter gives the response date
        // it sets.
        let mut case = load_case(&tx, reference)?;
        if request.acknowledge && kind.acknowledges(&case) {
            apply_steps(
                &tx,
                &mut case,
                vec![CaseCommand::Acknowledge {
                    on: under.rules.today,
                }],
                actor,
                under.rules,
            )?;
        }
        let draft = compose(&tx, reference, kind, request, under)?;
        let missing: Vec<String> = draft
            .composed
            .missing()
            .into_iter()
            .map(str::to_owned)
            .collect();
        if !missing.is_empty() && request.reason.trim().is_empty() {
            return Err(LetterError::Incomplete(missing));
        }
        let pdf = print(&draft.composed);
        let sha256 = super::contents::sha256_hex(&pdf);
        let id = uuid_v7_at(actor.now).to_string();
        let data = serde_json::to_string(&draft.composed.data)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        tx.execute(
            "INSERT INTO letters (id, case_id, kind, language, template, template_version, issued_on, issued_at,
                issued_by, data, wording, edited, missing, reason, sha256, pdf)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            params![
                id,
                case.id.to_string(),
                draft.kind.slug(),
                draft.template.language.slug(),
                draft.template.name,
                draft.template.version,
                date_text(actor.today),
                actor.now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                actor.name.trim(),
                data,
                draft.composed.wording,
                draft.edited,
                missing.join("\n"),
                request.reason.trim(),
                sha256,
                pdf,
            ],
        )?;
        let event = CaseEvent::LetterIssued {
            letter: id.clone(),
            kind: draft.kind.slug(),
            title: draft.composed.data.title.clone(),
            template_version: draft.template.version,
            sha256: sha256.clone(),
            missing: missing.clone(),
            reason: request.reason.trim().to_owned(),
        };
        append(&tx, actor, None, &case, &event)?;
        let issued = letter_at(&tx, &id)?;
        super::audit::seal(&tx, actor, mark)?;
        tx.commit()
            .map_err(|err| StoreError::from(err).at(&self.path))?;
        Ok((issued, pdf))
    }

    /// The letters issued on a case, oldest first.
    pub fn letters(&self, reference: &str) -> Result<Vec<IssuedLetter>, StoreError> {
        let case = load_case(&self.conn, reference)?;
        let ids: Vec<String> = self
            .conn
            .prepare_cached("SELECT id FROM letters WHERE case_id = ?1 ORDER BY issued_at, id")?
            .query_map([case.id.to_string()], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        ids.iter().map(|id| letter_at(&self.conn, id)).collect()
    }

    /// An issued letter's PDF.
    pub fn letter_pdf(&self, id: &str) -> Result<(IssuedLetter, Vec<u8>), LetterError> {
        let letter = letter_at(&self.conn, id).map_err(|err| match err {
            StoreError::Sqlite(rusqlite::Error::QueryReturnedNoRows) => {
                LetterError::NotFound(id.to_owned())
            }
            other => other.into(),
        })?;
        let pdf: Vec<u8> =
            self.conn
                .query_row("SELECT pdf FROM letters WHERE id = ?1", [id], |r| r.get(0))?;
        Ok((letter, pdf))
    }
}

fn letter_at(conn: &Connection, id: &str) -> Result<IssuedLetter, StoreError> {
    let row = conn
        .prepare_cached(
            "SELECT l.id, c.reference, l.kind, l.data, l.template, l.template_version, l.issued_on,
                l.issued_at, l.issued_by, l.edited, l.missing, l.reason, l.sha256
             FROM letters l JOIN cases c ON c.id = l.case_id WHERE l.id = ?1",
        )?
        .query_row([id], |r| {
            <(
                String,
                String,
                String,
                String,
                String,
                u32,
                String,
                String,
                String,
                bool,
                String,
                String,
                String,
            )>::try_from(r)
        })?;
    let (
        id,
        reference,
        kind,
        data,
        template,
        version,
        issued_on,
        issued_at,
        by,
        edited,
        missing,
        reason,
        sha256,
    ) = row;
    let data: LetterData = serde_json::from_str(&data)
        .map_err(|e| StoreError::Corrupt(format!("letter data: {e}")))?;
    Ok(IssuedLetter {
        id,
        reference,
        kind,
        title: data.title,
        template,
        template_version: version,
        issued_on: read_date(&issued_on)?,
        issued_at: super::columns::read_moment(&issued_at)?,
        issued_by: by,
        edited,
        missing: missing
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
        reason,
        sha256,
    })
}

/// Gathers what a letter of `kind` says of the case (its signatory, the
/// Ombudsman, a restriction, the council's template) and has the core
/// fill it in, dated the day the service's rules give.
fn compose(
    conn: &Connection,
    reference: &str,
    kind: LetterKind,
    request: &LetterRequest,
    under: Under<'_>,
) -> Result<LetterDraft, LetterError> {
    let settings = under.settings;
    let stages = under.rules.policy.stages().len();
    let issued_on = under.rules.today;
    let mut case = load_case(conn, reference)?;
    if request.acknowledge && kind.acknowledges(&case) {
        // As the letter will be once issued: acknowledged today.
        case.apply(CaseCommand::Acknowledge { on: issued_on }, under.rules)
            .map_err(StoreError::from)?;
    }
    let restriction = {
        let rowid = super::case_rows::rowid_of(conn, case.person)?;
        super::people::active_restriction_at(conn, rowid)?
    };
    kind.fits(&case, restriction.as_ref())?;
    // A bilingual council writes Welsh first, then English.
    let language = if settings.bilingual_letters {
        Language::Welsh
    } else {
        case.complainant.language.unwrap_or(Language::English)
    };
    let template = latest_template(conn, kind.template(stages), language)?;
    let signatory = LetterData::signatory_name(&case, kind)
        .map(|name| officer_by_name(conn, name))
        .transpose()?
        .flatten()
        .map(|o| Signatory {
            name: o.name,
            job_title: o.job_title,
            email: o.email,
            phone: o.phone,
        });
    let letterhead = settings.letterhead();
    let ombudsman = ombudsman_of(conn, case.service_area.id, settings.country())?;
    let fill = |template: &TemplateVersion, language: Language| {
        let facts = LetterFacts {
            kind,
            stages,
            letterhead: &letterhead,
            signatory: signatory.clone(),
            ombudsman,
            restriction: restriction.as_ref(),
            issued_on,
            language,
            note: &request.note,
        };
        Composed::fill(&case, &facts, &template.name, &template.body).map_err(|source| {
            LetterError::Template {
                name: template.name.clone(),
                source,
            }
        })
    };
    let mut filled = fill(&template, language)?;
    if settings.bilingual_letters {
        let english = latest_template(conn, kind.template(stages), Language::English)?;
        let second = fill(&english, Language::English)?;
        let wording = format!("{}\n\n{}", filled.wording.trim_end(), second.wording);
        filled = Composed::worded(filled.data, &template.name, wording);
    }
    let (composed, edited) = match request.wording.as_deref() {
        Some(wording) if wording.trim() != filled.wording.trim() => (
            Composed::worded(filled.data, &template.name, wording.to_owned()),
            true,
        ),
        _ => (filled, false),
    };
    Ok(LetterDraft {
        kind,
        template,
        composed,
        edited,
    })
}
