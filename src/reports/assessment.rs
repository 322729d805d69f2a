//! The Complaint Handling Code self-assessment of the annual report: each
//! requirement, with the sentence the year's figures give as evidence where
//! the data can show it; the rest the council completes in its own words.

use serde::Serialize;

use super::measures::{percent, Report};

/// One requirement of the Code, and whether the data evidences it.
#[derive(Debug, Clone, Copy)]
pub struct CodeRequirement {
    /// Its stable code, such as `stage1-acknowledge`.
    pub code: &'static str,
    /// The requirement, in the Code's sense.
    pub requirement: &'static str,
    /// The evidence from a year's report, when the data can show it.
    evidence: Option<fn(&Report) -> String>,
}

/// A requirement as assessed for a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assessed {
    /// Its code.
    pub code: &'static str,
    /// The requirement.
    pub requirement: &'static str,
    /// The sentence from the data, if the data can show it.
    pub evidence: Option<String>,
    /// What the council wrote.
    pub response: String,
}

fn pct_text(part: u32, whole: u32) -> String {
    percent(part, whole).map_or_else(|| "none received".to_owned(), |p| format!("{p:.1}%"))
}

fn ack(report: &Report, stage: usize, days: &str) -> String {
    let m = report.figures.overall.stage(stage);
    format!(
        "% of stage {stage} complaints acknowledged within {days}: {} ({} of {})",
        pct_text(m.acknowledged_on_time, m.received),
        m.acknowledged_on_time,
        m.received
    )
}

fn respond(report: &Report, stage: usize) -> String {
    let m = report.figures.overall.stage(stage);
    format!(
        "% of stage {stage} responses sent within timescale, including agreed extensions: {} ({} of {}); within the original timescale: {}",
        pct_text(m.responded_within_timescale, m.responded),
        m.responded_within_timescale,
        m.responded,
        pct_text(m.responded_within_original_timescale, m.responded)
    )
}

/// The Code's requirements, in the order of the self-assessment.
pub const CODE_REQUIREMENTS: &[CodeRequirement] = &[
    CodeRequirement { code: "definition", requirement: "The council uses the Code's definition of a complaint and tells it apart from a service request.", evidence: Some(|r| format!("{} service requests and {} excluded matters were recorded apart from complaints; {} stage 1 complaints were received.", r.service_requests, r.excluded, r.figures.overall.stage(1).received)) },
    CodeRequirement { code: "accessibility", requirement: "The complaints policy is published, easy to find and accessible, with reasonable adjustments made where asked.", evidence: None },
    CodeRequirement { code: "stage1-acknowledge", requirement: "Stage 1 complaints are acknowledged within 5 working days of receipt.", evidence: Some(|r| ack(r, 1, "5 working days")) },
    CodeRequirement { code: "stage1-respond", requirement: "Stage 1 responses are sent within 10 working days of the acknowledgement, any extension agreed and no longer than 10 further working days.", evidence: Some(|r| respond(r, 1)) },
    CodeRequirement { code: "stage2-acknowledge", requirement: "Stage 2 requests are acknowledged within 5 working days.", evidence: Some(|r| ack(r, 2, "5 working days")) },
    CodeRequirement { code: "stage2-respond", requirement: "Stage 2 responses are sent within 20 working days of the acknowledgement, any extension agreed and no longer than 20 further working days.", evidence: Some(|r| respond(r, 2)) },
    CodeRequirement { code: "stage2-independent", requirement: "Stage 2 is reviewed by someone who was not involved at stage 1.", evidence: Some(|r| format!("{} stage 2 reviews began in the year; Redress refuses a reviewer who handled stage 1 or works in the service complained about.", r.figures.overall.stage(2).received)) },
    CodeRequirement { code: "outcomes", requirement: "Every response records a decision (upheld, partly upheld or not upheld) with its reasons.", evidence: Some(|r| { let m = r.figures.overall.stage(1); format!("Of {} stage 1 responses: {} upheld, {} partly upheld, {} not upheld.", m.responded, m.upheld, m.partly_upheld, m.not_upheld) }) },
    CodeRequirement { code: "remedies", requirement: "Remedies put things right, and actions promised are tracked until done.", evidence: Some(|r| format!("Actions promised and overdue at {}: {}.", crate::dates::short(r.actions_as_at), r.actions_overdue)) },
    CodeRequirement { code: "learning", requirement: "Learning from complaints is recorded and used to improve services.", evidence: Some(|r| format!("{} responses recorded learning or a service improvement.", r.learning.len())) },
    CodeRequirement { code: "ombudsman", requirement: "The council co-operates with the Ombudsman and complies with its decisions.", evidence: Some(|r| format!("{} referrals to the Ombudsman; {} decisions; {} remedies complied with.", r.ombudsman.referrals, r.ombudsman.decided, r.ombudsman.complied)) },
    CodeRequirement { code: "governance", requirement: "A member of the governing body is responsible for complaints, and this report is considered by it.", evidence: None },
];

/// Each requirement assessed from a year's report, with the council's
/// responses by code.
pub fn assess(report: &Report, responses: &[(String, String)]) -> Vec<Assessed> {
    CODE_REQUIREMENTS
        .iter()
        .map(|req| Assessed {
            code: req.code,
            requirement: req.requirement,
            evidence: req.evidence.map(|f| f(report)),
            response: responses
                .iter()
                .find(|(code, _)| code == req.code)
                .map(|(_, text)| text.clone())
                .unwrap_or_default(),
        })
        .collect()
}

/// Whether a code is one of the requirements.
pub fn is_requirement(code: &str) -> bool {
    CODE_REQUIREMENTS.iter().any(|r| r.code == code)
}
