//! Realistic made-up casework for trying Redress and for benchmarks: service
//! areas, officers and complaints with the channels, outcomes, escalation and
//! lateness rates of the councils' published reports. The same seed always
//! gives the same cases.

use chrono::{Datelike, Days, NaiveDate};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use redress::case::{
    Case, CaseCommand, CaseEvent, CaseId, Channel, Complainant, ContactMethod, ExclusionReason,
    Named, NewCase, OfficerRef, Ombudsman, Outcome, Record, Remedy, RemedyKind, Role, RuleContext,
    RuleError, Triage,
};
use redress::people::PersonId;
use redress_store::{Actor, MadeCase, NewOfficer, Store, StoreError};

/// Service areas, their share of complaints (per mille) and their categories.
const AREAS: &[(&str, u32, &[&str])] = &[
    (
        "Housing",
        400,
        &[
            "Repairs",
            "Damp and mould",
            "Tenancy management",
            "Allocations",
        ],
    ),
    (
        "Waste and Recycling",
        180,
        &["Missed collection", "Bulky waste", "Garden waste"],
    ),
    (
        "Revenues and Benefits",
        120,
        &["Council tax", "Housing benefit", "Business rates"],
    ),
    (
        "Planning and Regeneration",
        80,
        &["Planning application", "Enforcement", "Building control"],
    ),
    (
        "Neighbourhood Services",
        90,
        &["Parks", "Street cleaning", "Fly-tipping"],
    ),
    (
        "Health and Communities",
        60,
        &["Environmental health", "Licensing", "Community safety"],
    ),
    (
        "Customer Services",
        70,
        &["Contact centre", "Website", "Staff conduct"],
    ),
];

const FIRST: &[&str] = &[
    "Jane", "Mohammed", "Siân", "Aoife", "Łukasz", "Ioana", "Gareth", "Priya", "Tomasz", "Niamh",
    "David", "Fatima", "Rhys", "Chloe", "Ștefan", "Olivia", "Dylan", "Grace", "Emeka", "Margaret",
];
const LAST: &[&str] = &[
    "Smith",
    "Jones",
    "Williams",
    "Ó Súilleabháin",
    "Kowalski",
    "Popescu",
    "Patel",
    "Evans",
    "Brown",
    "Nowak",
    "Davies",
    "Khan",
    "Murphy",
    "Taylor",
    "Wójcik",
    "Thomas",
    "Roberts",
    "Ahmed",
    "Hughes",
    "Walker",
];
const STREETS: &[&str] = &[
    "Elm Road",
    "Station Street",
    "Heol y Llan",
    "Church Lane",
    "Mill View",
    "Park Avenue",
];

/// What made-up complaints say, by category keyword.
fn summary_for(category: &str, rng: &mut ChaCha8Rng) -> String {
    let street = STREETS.choose(rng).copied().unwrap_or("High Street");
    match category {
        "Repairs" => format!("Repair to boiler at {street} not done after three visits"),
        "Damp and mould" => format!("Damp and mould in bedroom at {street} not treated"),
        "Missed collection" => format!("Bins missed repeatedly on {street}"),
        "Council tax" => "Council tax bill sent to the wrong address".to_owned(),
        "Housing benefit" => "Delay in assessing housing benefit claim".to_owned(),
        "Planning application" => format!("No reply about planning application for {street}"),
        "Fly-tipping" => format!("Fly-tipping on {street} reported twice and not cleared"),
        "Staff conduct" => "Officer was rude on the phone".to_owned(),
        other => format!("{other}: poor service and no updates ({street})"),
    }
}

fn uuid_from(rng: &mut ChaCha8Rng, received: NaiveDate) -> CaseId {
    let millis = received.and_hms_opt(9, 0, 0).map_or(0, |t| {
        u64::try_from(t.and_utc().timestamp_millis()).unwrap_or(0)
    });
    let random: [u8; 10] = rng.random();
    CaseId(uuid::Builder::from_unix_timestamp_millis(millis, &random).into_uuid())
}

/// The most demo cases made at once (enough for the benchmarks' 100,000).
pub const MAX_CASES: usize = 200_000;

/// The most cases the demo gives a year.
const CASES_A_YEAR: u64 = 10_000;

/// Fills the store with `count` made-up cases and the officers and service
/// areas they need. Refuses a database that already has cases.
pub fn populate(
    store: &mut Store,
    count: usize,
    seed: u64,
    actor: &Actor,
) -> Result<Vec<String>, StoreError> {
    if count > MAX_CASES {
        return Err(StoreError::TooManyDemoCases(MAX_CASES));
    }
    if store.case_count()? > 0 {
        return Err(StoreError::NotEmpty);
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let settings = store.settings()?;
    let calendar = settings.calendar();
    let policy = settings.policy.clone();
    let existing = store.officers()?;
    let mut areas: Vec<(Named, u32, Vec<Named>, Vec<OfficerRef>)> = Vec::new();
    for (index, (name, share, categories)) in AREAS.iter().enumerate() {
        let area = store.add_service_area(name, actor)?;
        let categories = categories
            .iter()
            .map(|c| store.add_category(c, actor))
            .collect::<Result<Vec<_>, _>>()?;
        let mut officers = Vec::new();
        for n in 0..3 {
            let officer_name = format!(
                "{} {}",
                FIRST[(index * 3 + n) % FIRST.len()],
                LAST[(index * 5 + n * 7) % LAST.len()]
            );
            let officer = match existing.iter().find(|o| o.name == officer_name) {
                Some(officer) => officer.clone(),
                None => store.add_officer(
                    &NewOfficer {
                        name: officer_name,
                        job_title: if n == 0 {
                            format!("{name} Manager")
                        } else {
                            format!("{name} Officer")
                        },
                        service_area: Some((*name).to_owned()),
                        email: String::new(),
                        phone: String::new(),
                        // Each service's manager is its head of service.
                        roles: if n == 0 {
                            vec![Role::HeadOfService, Role::InvestigatingOfficer]
                        } else {
                            vec![Role::InvestigatingOfficer]
                        },
                    },
                    actor,
                )?,
            };
            officers.push(officer.as_ref());
        }
        areas.push((area, *share, categories, officers));
    }
    let mut reviewers = Vec::new();
    for name in ["Helen Marsh", "Owain Pritchard", "Deirdre Nic Aodha"] {
        let officer = match existing.iter().find(|o| o.name == name) {
            Some(officer) => officer.clone(),
            None => store.add_officer(
                &NewOfficer {
                    name: name.to_owned(),
                    job_title: "Complaints Reviewer".to_owned(),
                    service_area: Some("Corporate Complaints".to_owned()),
                    email: String::new(),
                    phone: String::new(),
                    roles: vec![Role::Stage2Reviewer],
                },
                actor,
            )?,
        };
        reviewers.push(officer.as_ref());
    }
    let today = actor.today;
    let total_share: u32 = areas.iter().map(|a| a.1).sum();
    // The dates first, oldest first, so references follow the order cases
    // came in while each case is made and saved one at a time: memory stays
    // that of one case however many are asked for.
    // At most 10,000 cases a year (a large council's complaints and
    // requests), over two years at least: 100,000 cases are ten years'.
    let days = (count as u64 * 365 / CASES_A_YEAR).max(730);
    let mut received_dates: Vec<chrono::NaiveDate> = (0..count)
        .map(|_| {
            today
                .checked_sub_days(Days::new(rng.random_range(0..days)))
                .unwrap_or(today)
        })
        .collect();
    received_dates.sort();
    let cases = received_dates.into_iter().filter_map(move |received| {
        let pick = rng.random_range(0..total_share);
        let mut acc = 0;
        let area = areas
            .iter()
            .find(|a| {
                acc += a.1;
                pick < acc
            })
            .unwrap_or(&areas[0]);
        let category = area.2.choose(&mut rng).cloned();
        let officer = area.3.choose(&mut rng).cloned();
        let roll: u32 = rng.random_range(0..100);
        let triage = if roll < 85 {
            Triage::Complaint
        } else if roll < 95 {
            Triage::ServiceRequest {
                note: "Passed to the service to deal with".to_owned(),
            }
        } else {
            Triage::Excluded {
                reason: *ExclusionReason::ALL
                    .choose(&mut rng)
                    .unwrap_or(&ExclusionReason::StatutoryAppeal),
                note: "Told in writing why, and of the right to go to the Ombudsman.".to_owned(),
            }
        };
        let name = format!(
            "{} {}",
            FIRST.choose(&mut rng).unwrap_or(&"Sam"),
            LAST.choose(&mut rng).unwrap_or(&"Smith")
        );
        let channel = *[
            Channel::OnlineForm,
            Channel::OnlineForm,
            Channel::Email,
            Channel::Email,
            Channel::Phone,
            Channel::Letter,
            Channel::InPerson,
            Channel::Representative,
        ]
        .choose(&mut rng)
        .unwrap_or(&Channel::Email);
        let summary = summary_for(category.as_ref().map_or("", |c| c.name.as_str()), &mut rng);
        // One address per email, so a person who complains again is the
        // same record with the same details (as most are).
        let house = rng.random_range(1..200);
        let street = STREETS.choose(&mut rng).unwrap_or(&"High Street");
        let address = format!("{house} {street}");
        let email = format!(
            "{}.{house}{}@example.org",
            name.to_lowercase().replace(' ', "."),
            street.len()
        );
        let intake = NewCase {
            received_on: received,
            channel,
            complainant: Complainant {
                email,
                name,
                address,
                preferred_contact: Some(ContactMethod::Email),
                ..Complainant::default()
            },
            representative: None,
            service_area: area.0.name.clone(),
            category: category.as_ref().map(|c| c.name.clone()),
            summary: summary.clone(),
            description: format!(
                "{summary}. I have contacted the council several times without a proper answer."
            ),
            outcome_sought: "A proper explanation and the problem put right.".to_owned(),
            triage: triage.clone(),
            officer: None,
            person: None,
            repeat_of: None,
        };
        let ctx = RuleContext {
            country: None,
            policy: &policy,
            calendar: &calendar,
            today,
            record: Record::Live,
        };
        let Ok((mut case, opened)) = Case::open(
            uuid_from(&mut rng, received),
            String::new(),
            intake,
            // The store links each case to its person when it saves them.
            PersonId(uuid::Uuid::nil()),
            area.0.clone(),
            category,
            officer.clone(),
            ctx,
        ) else {
            return None;
        };
        let mut events = vec![opened];
        if triage == Triage::Complaint {
            progress(&mut case, &mut events, &mut rng, ctx, &reviewers);
        } else if calendar.add_working_days(received, 5) <= today {
            let _ = take(
                &mut case,
                &mut events,
                CaseCommand::Close {
                    on: calendar.add_working_days(received, 5),
                    reason: "Passed to the service / person told why".to_owned(),
                },
                ctx,
            );
        }
        Some(MadeCase { case, events })
    });
    store.insert_cases(cases, actor, &settings.reference_prefix)
}

/// Applies a step and keeps its event.
fn take(
    case: &mut Case,
    events: &mut Vec<CaseEvent>,
    command: CaseCommand,
    ctx: RuleContext<'_>,
) -> Result<(), RuleError> {
    events.push(case.apply(command, ctx)?);
    Ok(())
}

/// Takes a complaint through the stages as far as its dates allow by today.
fn progress(
    case: &mut Case,
    events: &mut Vec<CaseEvent>,
    rng: &mut ChaCha8Rng,
    ctx: RuleContext<'_>,
    reviewers: &[OfficerRef],
) {
    let (calendar, policy, today) = (ctx.calendar, ctx.policy, ctx.today);
    let mut opened = case.received_on;
    for stage in 1..=policy.stages().len() {
        let Some(timescales) = policy.stage(stage) else {
            return;
        };
        let ack_days = if rng.random_range(0..100) < 90 {
            rng.random_range(1..=timescales.acknowledge_days)
        } else {
            timescales.acknowledge_days + rng.random_range(1..4)
        };
        let acknowledged = calendar.add_working_days(opened, ack_days);
        if acknowledged > today
            || take(
                case,
                events,
                CaseCommand::Acknowledge { on: acknowledged },
                ctx,
            )
            .is_err()
        {
            return;
        }
        // A few recent complaints stall, as real ones do, and show as overdue.
        if calendar.working_days_between(opened, today) < 40 && rng.random_range(0..100) < 12 {
            return;
        }
        let late = rng.random_range(0..100) < 22;
        let mut respond_days = if late {
            timescales.response_days + rng.random_range(1..12)
        } else {
            rng.random_range(3..=timescales.response_days)
        };
        if rng.random_range(0..100) < 8 {
            let days = rng.random_range(3..=timescales.extension_limit_days.max(3));
            let agreed = calendar.add_working_days(acknowledged, 3);
            if agreed <= today {
                let _ = take(
                    case,
                    events,
                    CaseCommand::Extend {
                        agreed_on: agreed,
                        days,
                        reason: "More time needed to gather information from the contractor"
                            .to_owned(),
                        good_reason: false,
                    },
                    ctx,
                );
                respond_days += days.min(4);
            }
        }
        let responded = calendar.add_working_days(acknowledged, respond_days);
        if responded > today {
            return;
        }
        let outcome = match rng.random_range(0..100) {
            0..=24 => Outcome::Upheld,
            25..=54 => Outcome::PartlyUpheld,
            _ => Outcome::NotUpheld,
        };
        let remedies = if outcome == Outcome::NotUpheld {
            Vec::new()
        } else if rng.random_range(0..100) < 15 {
            vec![
                Remedy {
                    kind: RemedyKind::Apology,
                    detail: "Apology for the delay".to_owned(),
                    amount_pence: None,
                },
                Remedy {
                    kind: RemedyKind::Financial,
                    detail: "Payment for time and trouble".to_owned(),
                    amount_pence: Some(rng.random_range(2..30) * 2500),
                },
            ]
        } else {
            vec![Remedy {
                kind: RemedyKind::Apology,
                detail: "Apology".to_owned(),
                amount_pence: None,
            }]
        };
        let responded_ok = take(
            case,
            events,
            CaseCommand::Respond {
                on: responded,
                outcome: Some(outcome),
                reasons: "Investigated against the service standard and the records held."
                    .to_owned(),
                remedies,
                learning: if outcome == Outcome::NotUpheld {
                    String::new()
                } else {
                    "Reminded staff to give updates.".to_owned()
                },
                improvements: String::new(),
            },
            ctx,
        )
        .is_ok();
        if !responded_ok {
            return;
        }
        if outcome != Outcome::NotUpheld && rng.random_range(0..100) < 20 {
            let due = calendar.add_working_days(responded, 10);
            let _ = take(
                case,
                events,
                CaseCommand::AddAction {
                    description: "Put the repair or service failure right".to_owned(),
                    owner: case
                        .officer
                        .as_ref()
                        .map_or("Service manager".to_owned(), |o| o.name.clone()),
                    due_on: due,
                },
                ctx,
            );
            if due <= today && rng.random_range(0..100) < 85 {
                let _ = take(
                    case,
                    events,
                    CaseCommand::CompleteAction {
                        number: 1,
                        done_on: due,
                    },
                    ctx,
                );
            }
        }
        let escalate = stage < policy.stages().len() && rng.random_range(0..100) < 14;
        let requested = calendar.add_working_days(responded, rng.random_range(1..20));
        if escalate && requested <= today {
            let Some(reviewer) = reviewers.choose(rng).cloned() else {
                return;
            };
            if take(
                case,
                events,
                CaseCommand::Escalate {
                    requested_on: requested,
                    reviewer: Some(reviewer),
                },
                ctx,
            )
            .is_err()
            {
                return;
            }
            opened = requested;
            continue;
        }
        if stage > 1 && rng.random_range(0..100) < 12 {
            let referred = calendar.add_working_days(responded, rng.random_range(10..60));
            if referred <= today {
                let ombudsman = if case.service_area.name == "Housing" {
                    Ombudsman::Housing
                } else {
                    Ombudsman::Lgsco
                };
                let _ = take(
                    case,
                    events,
                    CaseCommand::Refer {
                        ombudsman,
                        referred_on: referred,
                        their_reference: format!(
                            "{}/{:05}",
                            referred.year(),
                            rng.random_range(1..99999)
                        ),
                    },
                    ctx,
                );
            }
        }
        let closed = calendar.add_working_days(case.latest_event(), 20);
        if closed <= today {
            let _ = take(
                case,
                events,
                CaseCommand::Close {
                    on: closed,
                    reason: "Final response sent; no further contact".to_owned(),
                },
                ctx,
            );
        }
        return;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    fn actor() -> Actor {
        Actor {
            name: "Demo".to_owned(),
            now: Utc::now(),
            today: NaiveDate::from_ymd_opt(2026, 11, 24).expect("date"),
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_cases() {
        let mut a = Store::open_in_memory().expect("store");
        let mut b = Store::open_in_memory().expect("store");
        populate(&mut a, 60, 7, &actor()).expect("demo");
        populate(&mut b, 60, 7, &actor()).expect("demo");
        let summarise = |s: &Store| -> Vec<(String, String, Option<usize>)> {
            s.all_cases()
                .expect("cases")
                .into_iter()
                .map(|c| {
                    (
                        c.reference.clone(),
                        c.summary.clone(),
                        c.current_stage().map(|st| st.number),
                    )
                })
                .collect()
        };
        assert_eq!(summarise(&a), summarise(&b));
        assert_eq!(a.case_count().expect("count"), 60);
    }

    #[test]
    fn a_database_with_cases_is_refused() {
        let mut store = Store::open_in_memory().expect("store");
        populate(&mut store, 3, 1, &actor()).expect("demo");
        assert!(matches!(
            populate(&mut store, 3, 1, &actor()),
            Err(StoreError::NotEmpty)
        ));
    }
}
