//! The service's side of reports: the report on a period as of today, the
//! four quarters of a financial year for the tables that put them side by
//! side, and the committee and annual PDFs.

use redress::reports::{Assessed, Facts, Figures, Period, Report};
use redress_store::StoreError;

use crate::Service;

impl Service {
    /// The report on `period`, overdue actions counted up to today at the
    /// latest.
    pub fn report(&self, period: Period) -> Result<Report, StoreError> {
        let facts = self.report_facts(period)?;
        Ok(
            redress::reports::report(&facts, period, &self.calendar, self.today())
                .in_council_words(&self.settings.outcome_words),
        )
    }

    /// What a report on `period` reads, for the stages of the council's
    /// policy.
    pub(crate) fn report_facts(&self, period: Period) -> Result<Facts, StoreError> {
        self.store
            .report_facts(period, self.settings.policy.stages().len())
    }

    /// The stage measures of each quarter of the financial year starting in
    /// April of `year`, and of the quarter before it (for the first
    /// quarter's change).
    pub fn quarters(&self, year: i32) -> Result<Vec<Figures>, ReportError> {
        let quarters = Period::quarters(year)?;
        let mut periods = vec![quarters[0].previous()];
        periods.extend(quarters);
        let whole = Period::new(periods[0].from, quarters[3].to)?;
        let facts = self.report_facts(whole)?;
        Ok(periods
            .into_iter()
            .map(|p| redress::reports::figures(&facts, p, &self.calendar))
            .collect())
    }
}

/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The period asked for cannot be reported on.
    #[error("{0}")]
    Period(#[from] redress::reports::BadPeriod),
    /// The database failed.
    #[error("{0}")]
    Store(#[from] StoreError),
    /// The PDF could not be made.
    #[error("{0}")]
    Letter(#[from] redress_store::LetterError),
}

impl Service {
    /// The quarters a committee report charts: those of the period, or,
    /// for a period within one quarter, the financial year's quarters up to
    /// the one it ends in.
    fn charted_quarters(&self, period: Period) -> Result<Vec<Figures>, ReportError> {
        let mut quarters = period.quarters_within();
        if quarters.len() < 2 {
            let year = Period::financial_year_of(period.to);
            quarters = Period::quarters(year)?
                .into_iter()
                .filter(|q| q.from <= period.to)
                .collect();
        }
        let (Some(first), Some(last)) = (quarters.first(), quarters.last()) else {
            return Ok(Vec::new());
        };
        let facts = self.report_facts(Period::new(first.from, last.to)?)?;
        Ok(quarters
            .into_iter()
            .map(|q| redress::reports::figures(&facts, q, &self.calendar))
            .collect())
    }

    /// The committee report on `period`, as a PDF.
    pub fn report_pdf(&self, period: Period) -> Result<Vec<u8>, ReportError> {
        let report = self.report(period)?;
        let quarters = self.charted_quarters(period)?;
        let press = self.press()?;
        Ok(redress::reports::committee_pdf(
            &press,
            &self.council_name(),
            &report,
            &quarters,
            self.today(),
        ))
    }

    /// The Code self-assessment of the financial year starting in `year`:
    /// each requirement with its evidence and the council's response.
    pub fn self_assessment(&self, year: i32) -> Result<Vec<Assessed>, ReportError> {
        let report = self.report(Period::financial_year(year)?)?;
        let responses = self.store.self_assessment(year)?;
        Ok(redress::reports::assess(&report, &responses))
    }

    /// Saves the council's response to one requirement.
    pub fn save_self_assessment(
        &mut self,
        year: i32,
        code: &str,
        response: &str,
    ) -> Result<Vec<Assessed>, ReportError> {
        Period::financial_year(year)?;
        let actor = self.actor();
        self.store
            .save_self_assessment(year, code, response, &actor)?;
        self.self_assessment(year)
    }

    /// The annual report of the financial year starting in `year`, as a PDF.
    pub fn annual_report_pdf(&self, year: i32) -> Result<Vec<u8>, ReportError> {
        let period = Period::financial_year(year)?;
        let report = self.report(period)?;
        let quarters = self.quarters(year)?;
        let assessment = self.self_assessment(year)?;
        let press = self.press()?;
        Ok(redress::reports::annual_pdf(
            &press,
            &self.council_name(),
            &report,
            &quarters,
            &assessment,
            self.today(),
        ))
    }

    fn council_name(&self) -> String {
        match self.settings.council_name.trim() {
            "" => "The council".to_owned(),
            name => name.to_owned(),
        }
    }
}

impl Service {
    /// The folder reports are saved in: `Reports` beside the database file.
    pub fn reports_folder(&self) -> Option<std::path::PathBuf> {
        self.folder_beside_database("Reports")
    }
}
