//! A council's spreadsheet as rows of cells, whatever it was saved as: CSV
//! (any of Excel's encodings), Excel `.xlsx` and `.xls`, or LibreOffice
//! `.ods` (read with calamine). A date cell stays a date; everything else
//! becomes the text the sheet shows.

use std::io::Cursor;

use calamine::{
    open_workbook_auto_from_rs, open_workbook_from_rs, Data, OdsError, Reader, Sheets, XlsError,
    XlsbError, XlsxError,
};
use chrono::NaiveDate;

use super::encoding::{decode, Encoding};

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text (or a number, as text).
    Text(String),
    /// A real date cell (a date-time's date: spreadsheets hold UK local
    /// time).
    Date(NaiveDate),
}

impl Cell {
    /// The cell as the import reads it: a date as `YYYY-MM-DD`.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => text.clone(),
            Cell::Date(date) => date.format("%Y-%m-%d").to_string(),
        }
    }
}

/// A sheet: its header row and its rows, each with its row number as the
/// spreadsheet shows it (the header is row 1).
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The header row.
    pub headers: Vec<String>,
    /// The rows after it, with their row numbers.
    pub rows: Vec<(usize, Vec<Cell>)>,
    /// How a CSV was decoded (a workbook is always Unicode).
    pub encoding: Encoding,
}

/// What kind of file, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated text.
    Csv,
    /// Excel 2007 and later (`.xlsx`, `.xlsm`).
    Xlsx,
    /// Excel 97 to 2003 (`.xls`).
    Xls,
    /// Excel binary (`.xlsb`).
    Xlsb,
    /// LibreOffice and OpenOffice (`.ods`).
    Ods,
}

impl Format {
    /// The format a file's name says; anything unknown is read as CSV.
    pub fn of(file_name: &str) -> Format {
        let lower = file_name.to_lowercase();
        let ext = lower.rsplit('.').next().unwrap_or_default();
        match ext {
            "xlsx" | "xlsm" => Format::Xlsx,
            "xls" => Format::Xls,
            "xlsb" => Format::Xlsb,
            "ods" => Format::Ods,
            _ => Format::Csv,
        }
    }
}

/// Opens a workbook with the reader its format names, so a damaged file
/// gets that reader's own reason.
fn open(bytes: &[u8], format: Format) -> Result<Sheets<Cursor<&[u8]>>, SheetError> {
    let rs = Cursor::new(bytes);
    let unreadable = |e: &dyn std::fmt::Display| SheetError::Unreadable(e.to_string());
    Ok(match format {
        Format::Xlsx => {
            Sheets::Xlsx(open_workbook_from_rs(rs).map_err(|e: XlsxError| unreadable(&e))?)
        }
        Format::Xls => {
            Sheets::Xls(open_workbook_from_rs(rs).map_err(|e: XlsError| unreadable(&e))?)
        }
        Format::Xlsb => {
            Sheets::Xlsb(open_workbook_from_rs(rs).map_err(|e: XlsbError| unreadable(&e))?)
        }
        Format::Ods => {
            Sheets::Ods(open_workbook_from_rs(rs).map_err(|e: OdsError| unreadable(&e))?)
        }
        Format::Csv => open_workbook_auto_from_rs(rs).map_err(|e| unreadable(&e))?,
    })
}

/// Why a file could not be read as a sheet.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SheetError {
    /// Not a workbook calamine can read.
    #[error("this is not a spreadsheet Redress can read ({0}): save it as .xlsx, .ods or .csv")]
    Unreadable(String),
    /// No sheet of that name.
    #[error("there is no sheet called '{asked}': the sheets are {}", .sheets.join(", "))]
    UnknownSheet {
        /// The name asked for.
        asked: String,
        /// The sheets there are.
        sheets: Vec<String>,
    },
    /// A sheet asked for in a CSV file, which has none.
    #[error("a CSV file has no sheets to choose from: leave out --sheet, or give the workbook (.xlsx or .ods) instead")]
    NotAWorkbook,
    /// Nothing in it.
    #[error("the sheet '{0}' is empty: it has no header row")]
    Empty(String),
    /// A CSV row that cannot be read.
    #[error("line {line}: cannot read this row: {message}")]
    BadCsv {
        /// The line.
        line: usize,
        /// Why.
        message: String,
    },
}

impl Sheet {
    /// Reads a file's bytes: a workbook's sheet (the first unless `sheet`
    /// names one), or CSV.
    pub fn read(bytes: &[u8], format: Format, sheet: Option<&str>) -> Result<Sheet, SheetError> {
        match format {
            Format::Csv if sheet.is_some() => Err(SheetError::NotAWorkbook),
            Format::Csv => Sheet::from_csv(bytes),
            workbook => Sheet::from_workbook(bytes, workbook, sheet),
        }
    }

    /// The sheet names of a workbook (none for a CSV).
    pub fn names(bytes: &[u8], format: Format) -> Result<Vec<String>, SheetError> {
        if format == Format::Csv {
            return Ok(Vec::new());
        }
        Ok(open(bytes, format)?.sheet_names())
    }

    fn from_csv(bytes: &[u8]) -> Result<Sheet, SheetError> {
        let (text, encoding) = decode(bytes);
        // Not flexible: a row with more or fewer cells than the header is
        // reported, never silently cut or padded.
        let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| SheetError::BadCsv {
                line: 1,
                message: e.to_string(),
            })?
            .iter()
            .map(str::to_owned)
            .collect();
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| SheetError::BadCsv {
                line: e
                    .position()
                    .and_then(|p| usize::try_from(p.record()).ok())
                    .map_or(0, |r| r + 1),
                message: e.to_string(),
            })?;
            let line = record
                .position()
                .and_then(|p| usize::try_from(p.record()).ok())
                .map_or(0, |r| r + 1);
            rows.push((
                line,
                record
                    .iter()
                    .map(|cell| {
                        if cell.is_empty() {
                            Cell::Empty
                        } else {
                            Cell::Text(cell.to_owned())
                        }
                    })
                    .collect(),
            ));
        }
        Ok(Sheet {
            headers,
            rows,
            encoding,
        })
    }

    fn from_workbook(
        bytes: &[u8],
        format: Format,
        sheet: Option<&str>,
    ) -> Result<Sheet, SheetError> {
        let mut book = open(bytes, format)?;
        let names = book.sheet_names();
        let name = match sheet {
            Some(asked) => names
                .iter()
                .find(|n| n.trim().eq_ignore_ascii_case(asked.trim()))
                .cloned()
                .ok_or_else(|| SheetError::UnknownSheet {
                    asked: asked.to_owned(),
                    sheets: names.clone(),
                })?,
            None => names
                .first()
                .cloned()
                .ok_or_else(|| SheetError::Unreadable("it has no sheets".to_owned()))?,
        };
        let range = book
            .worksheet_range(&name)
            .map_err(|e| SheetError::Unreadable(e.to_string()))?;
        // Row numbers as the spreadsheet shows them, wherever the used
        // range starts.
        let first_row = range.start().map_or(0, |(row, _)| row as usize) + 1;
        let mut rows = range.rows().enumerate();
        let headers: Vec<String> = match rows.next() {
            Some((_, header)) => header.iter().map(|d| cell(d).text()).collect(),
            None => return Err(SheetError::Empty(name)),
        };
        let rows = rows
            .map(|(i, row)| (first_row + i, row.iter().map(cell).collect()))
            .collect();
        Ok(Sheet {
            headers,
            rows,
            encoding: Encoding::Utf8,
        })
    }
}

/// A workbook's cell as the import reads it.
fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(text) => Cell::Text(text.clone()),
        Data::Int(n) => Cell::Text(n.to_string()),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Cell::Text(format!("{f:.0}")),
        Data::Float(f) => Cell::Text(f.to_string()),
        Data::Bool(b) => Cell::Text(if *b { "yes" } else { "no" }.to_owned()),
        Data::DateTime(moment) if !moment.is_duration() => {
            let (year, month, day, ..) = moment.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(i32::from(year), u32::from(month), u32::from(day))
                .map_or_else(|| Cell::Text(moment.as_f64().to_string()), Cell::Date)
        }
        Data::DateTime(moment) => Cell::Text(moment.as_f64().to_string()),
        Data::DateTimeIso(text) | Data::DurationIso(text) => Cell::Text(text.clone()),
        Data::Error(err) => Cell::Text(format!("#{err:?}")),
    }
}
