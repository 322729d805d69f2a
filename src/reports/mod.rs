//! Complaint performance reports: the KPI engine over a period (overall and
//! by service area, per stage, with the previous period and last year), the
//! tidy table for Excel, and the committee and annual PDFs.

mod assessment;
mod facts;
mod measures;
pub(crate) mod pdf;
mod period;
mod tidy;

pub use assessment::{assess, is_requirement, Assessed, CodeRequirement, CODE_REQUIREMENTS};
pub use facts::{ActionFact, CaseFact, Facts, ReferralFact, StageFact, TriageKind};
pub use measures::{
    figures, label, percent, report, AreaFigures, Count, Definition, Figure, Figures, Learning,
    MonthCount, OmbudsmanFigures, Overturned, Report, StageMeasures, StageSet, DEFINITIONS,
};
pub use pdf::{annual_pdf, committee_pdf, summary};
pub use period::{BadPeriod, Period};
pub use tidy::{rows, write_csv, ALL_AREAS, HEADER};

#[cfg(test)]
mod tests;
