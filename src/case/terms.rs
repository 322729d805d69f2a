//! The fixed vocabularies of casework: channels, triage decisions, exclusion
//! reasons, outcomes, remedies, Ombudsmen. Each has a stable slug (stored in
//! the database, used on the command line and in CSV) and a label people read.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A word that is not one of a vocabulary's terms.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {vocabulary} '{value}': use one of {allowed}")]
pub struct UnknownTerm {
    /// Which vocabulary, such as "channel".
    pub vocabulary: &'static str,
    /// The value given.
    pub value: String,
    /// The accepted slugs, comma-separated.
    pub allowed: String,
}

/// A fixed vocabulary, as the front ends offer it: its words in the order
/// people choose from, each a slug (what is typed and stored) and a label
/// (what people read). The CLI's help and value lists and the window's
/// choices are built from it, never written out again.
pub trait Vocabulary {
    /// What one of its words is called, such as "channel".
    const NAME: &'static str;

    /// Its words, in display order: (slug, label).
    fn words() -> Vec<(&'static str, &'static str)>;
}

/// Normalises a term for matching: lower case, letters and digits only.
fn key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

macro_rules! vocabulary {
    (
        $(#[$meta:meta])* $name:ident, $vocab:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $slug:literal, $label:literal $(| $alias:literal)* ;)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every term, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable identifier stored and typed.
            pub fn slug(self) -> &'static str {
                match self { $($name::$variant => $slug,)+ }
            }

            /// The label people read.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }
        }

        impl Vocabulary for $name {
            const NAME: &'static str = $vocab;

            fn words() -> Vec<(&'static str, &'static str)> {
                vec![$(($slug, $label)),+]
            }
        }

        impl FromStr for $name {
            type Err = UnknownTerm;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                // The stored slug itself, as the database holds it: no
                // normalising (which allocates for every term compared).
                $(
                    if text == $slug {
                        return Ok($name::$variant);
                    }
                )+
                let wanted = key(text);
                $(
                    if wanted == key($slug) || wanted == key($label) $(|| wanted == key($alias))* {
                        return Ok($name::$variant);
                    }
                )+
                Err(UnknownTerm {
                    vocabulary: $vocab,
                    value: text.to_owned(),
                    allowed: [$($slug),+].join(", "),
                })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.label())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.slug())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

vocabulary! {
    /// How the complaint reached the council.
    Channel, "channel" {
        /// The council's online form.
        OnlineForm = "online", "Online form" | "web" | "website" | "webform" | "online form";
        /// Email.
        Email = "email", "Email" | "e-mail";
        /// A letter.
        Letter = "letter", "Letter" | "post" | "in writing";
        /// A phone call (confirmed back in writing).
        Phone = "phone", "Phone" | "telephone" | "tel";
        /// In person at a council office.
        InPerson = "in-person", "In person" | "face to face" | "visit";
        /// Through a representative, with the complainant's consent.
        Representative = "representative", "Via representative" | "mp" | "councillor" | "advocate";
    }
}

vocabulary! {
    /// How the complainant prefers to be contacted.
    ContactMethod, "contact method" {
        /// By email.
        Email = "email", "Email";
        /// By phone.
        Phone = "phone", "Phone" | "telephone";
        /// By letter.
        Letter = "letter", "Letter" | "post";
    }
}

vocabulary! {
    /// Why a matter is outside the complaints procedure (DOMAIN.md, policy §3.4).
    ExclusionReason, "exclusion reason" {
        /// A statutory appeal route exists (planning, homelessness, benefits, council tax).
        StatutoryAppeal = "statutory-appeal", "A statutory right of appeal applies";
        /// Legal proceedings have started.
        LegalProceedings = "legal-proceedings", "Legal proceedings have started";
        /// A neighbour dispute, handled under the anti-social behaviour procedure.
        NeighbourDispute = "neighbour-dispute", "Neighbour dispute (anti-social behaviour procedure)";
        /// About a councillor's conduct (the standards procedure).
        Councillor = "councillor", "About a councillor (standards procedure)";
        /// An internal staff matter.
        StaffMatter = "staff-matter", "Internal staff matter";
        /// Already decided by the procedure or the Ombudsman.
        AlreadyDecided = "already-decided", "Already decided by this procedure or the Ombudsman";
        /// More than 12 months old without good reason.
        OutOfTime = "out-of-time", "Over 12 months old without good reason";
        /// A police matter.
        Police = "police", "A matter for the police";
    }
}

vocabulary! {
    /// The decision on a stage.
    Outcome, "outcome" {
        /// The complaint is upheld.
        Upheld = "upheld", "Upheld";
        /// Partly upheld.
        PartlyUpheld = "partly-upheld", "Partly upheld" | "partially upheld" | "part upheld";
        /// Not upheld.
        NotUpheld = "not-upheld", "Not upheld";
    }
}

vocabulary! {
    /// A kind of remedy (policy §13).
    RemedyKind, "remedy" {
        /// An apology.
        Apology = "apology", "Apology";
        /// Acknowledging what went wrong.
        Acknowledgement = "acknowledgement", "Acknowledging what went wrong";
        /// An explanation.
        Explanation = "explanation", "Explanation";
        /// Action to deal with a delay.
        ActionOnDelay = "action-on-delay", "Action on a delay";
        /// Reconsidering a decision.
        Reconsideration = "reconsideration", "Reconsidering a decision";
        /// Amending a record.
        AmendRecord = "amend-record", "Amending a record";
        /// A payment.
        Financial = "financial", "Financial remedy";
        /// Changing policy or practice.
        PolicyChange = "policy-change", "Changing policy or practice";
    }
}

vocabulary! {
    /// The Ombudsman a complaint can go to.
    Ombudsman, "ombudsman" {
        /// The Local Government and Social Care Ombudsman.
        Lgsco = "lgsco", "Local Government and Social Care Ombudsman" | "lgo" | "local government ombudsman";
        /// The Housing Ombudsman (social housing, in England).
        Housing = "housing", "Housing Ombudsman" | "hos";
        /// The Public Services Ombudsman for Wales: every council service in Wales.
        Psow = "psow", "Public Services Ombudsman for Wales" | "ombwdsmon" | "ombudsman wales";
        /// The Scottish Public Services Ombudsman: every council service in Scotland.
        Spso = "spso", "Scottish Public Services Ombudsman";
        /// The Northern Ireland Public Services Ombudsman.
        Nipso = "nipso", "Northern Ireland Public Services Ombudsman";
    }
}

vocabulary! {
    /// The UK nation a council is in: which procedure, Ombudsman and
    /// figures apply (England and Wales share bank holidays, not an
    /// Ombudsman).
    Country, "nation" {
        /// England.
        England = "england", "England" | "lloegr";
        /// Wales.
        Wales = "wales", "Wales" | "cymru";
        /// Scotland.
        Scotland = "scotland", "Scotland" | "alba";
        /// Northern Ireland.
        NorthernIreland = "northern-ireland", "Northern Ireland" | "ni";
    }
}

impl Country {
    /// Whose bank holidays its councils keep.
    pub fn calendar(self) -> crate::calendar::Nation {
        use crate::calendar::Nation;
        match self {
            Country::England | Country::Wales => Nation::EnglandAndWales,
            Country::Scotland => Nation::Scotland,
            Country::NorthernIreland => Nation::NorthernIreland,
        }
    }

    /// The nation a calendar's bank holidays tell for certain: Scotland's
    /// and Northern Ireland's; England and Wales share theirs, so a council
    /// there must say which it is.
    pub fn of_calendar(nation: crate::calendar::Nation) -> Option<Country> {
        use crate::calendar::Nation;
        match nation {
            Nation::EnglandAndWales => None,
            Nation::Scotland => Some(Country::Scotland),
            Nation::NorthernIreland => Some(Country::NorthernIreland),
        }
    }

    /// The Ombudsmen its councils' complainants may go to, the usual one
    /// first.
    pub fn ombudsmen(self) -> &'static [Ombudsman] {
        match self {
            Country::England => &[Ombudsman::Lgsco, Ombudsman::Housing],
            Country::Wales => &[Ombudsman::Psow],
            Country::Scotland => &[Ombudsman::Spso],
            Country::NorthernIreland => &[Ombudsman::Nipso],
        }
    }

    /// The Ombudsman a service area's complaints go to unless the council
    /// says otherwise: in England the Housing Ombudsman for a service whose
    /// name mentions housing, else the LGSCO; elsewhere the nation's one.
    pub fn ombudsman_for(self, service_area: &str) -> Ombudsman {
        match self {
            Country::England => Ombudsman::for_service_area(service_area),
            other => other.ombudsmen()[0],
        }
    }
}

vocabulary! {
    /// The language a person wants their letters in.
    Language, "language" {
        /// English.
        English = "en", "English" | "saesneg";
        /// Welsh.
        Welsh = "cy", "Welsh" | "cymraeg";
    }
}

vocabulary! {
    /// What an officer may do in the procedure; an officer may have several.
    Role, "role" {
        /// Investigates and answers complaints at stage 1.
        InvestigatingOfficer = "investigating-officer", "Investigating officer" | "investigator" | "io";
        /// Reviews complaints independently at stage 2.
        Stage2Reviewer = "stage2-reviewer", "Stage 2 reviewer" | "reviewer";
        /// Decides restrictions under the unreasonable-behaviour procedure.
        HeadOfService = "head-of-service", "Head of service" | "hos";
        /// Runs the complaints procedure and its reports.
        ComplaintsManager = "complaints-manager", "Complaints manager" | "manager";
    }
}

/// How to reach an Ombudsman, as letters print it (policy §9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct OmbudsmanContact {
    /// Its name.
    pub name: &'static str,
    /// Its postal address.
    pub address: &'static str,
    /// Its phone number.
    pub phone: &'static str,
    /// Its website.
    pub website: &'static str,
    /// Its name in Welsh, for letters in Welsh.
    pub name_cy: &'static str,
    /// How long a complainant has to go to it, as letters tell them.
    pub time_limit: &'static str,
    /// The same in Welsh.
    pub time_limit_cy: &'static str,
}

impl Ombudsman {
    /// The Ombudsman's contact details, as each publishes them.
    pub fn contact(self) -> OmbudsmanContact {
        match self {
            Ombudsman::Lgsco => OmbudsmanContact {
                name: "Local Government and Social Care Ombudsman",
                address: "PO Box 4771, Coventry, CV4 0EH",
                phone: "0300 061 0614",
                website: "www.lgo.org.uk",
                name_cy: "Ombwdsmon Llywodraeth Leol a Gofal Cymdeithasol",
                time_limit: "within 12 months of when you first knew of the problem",
                time_limit_cy: "o fewn 12 mis i'r adeg y daethoch yn ymwybodol o'r broblem gyntaf",
            },
            Ombudsman::Housing => OmbudsmanContact {
                name: "Housing Ombudsman Service",
                address: "PO Box 152, Liverpool, L33 7WQ",
                phone: "0300 111 3000",
                website: "www.housing-ombudsman.org.uk",
                name_cy: "Gwasanaeth yr Ombwdsmon Tai",
                time_limit: "within 12 months of the end of our complaints procedure",
                time_limit_cy: "o fewn 12 mis i ddiwedd ein gweithdrefn gwyno",
            },
            Ombudsman::Psow => OmbudsmanContact {
                name: "Public Services Ombudsman for Wales",
                address: "1 Ffordd yr Hen Gae, Pencoed, CF35 5LJ",
                phone: "0300 790 0203",
                website: "www.ombudsman.wales",
                name_cy: "Ombwdsmon Gwasanaethau Cyhoeddus Cymru",
                time_limit: "within 12 months of when you first knew of the problem",
                time_limit_cy: "o fewn 12 mis i'r adeg y daethoch yn ymwybodol o'r broblem gyntaf",
            },
            Ombudsman::Spso => OmbudsmanContact {
                name: "Scottish Public Services Ombudsman",
                address: "Freepost SPSO (or in person: Bridgeside House, 99 McDonald Road, Edinburgh, EH7 4NS)",
                phone: "0800 377 7330",
                website: "www.spso.org.uk",
                name_cy: "Ombwdsmon Gwasanaethau Cyhoeddus yr Alban",
                time_limit: "within 12 months of when you first knew of the problem",
                time_limit_cy: "o fewn 12 mis i'r adeg y daethoch yn ymwybodol o'r broblem gyntaf",
            },
            Ombudsman::Nipso => OmbudsmanContact {
                name: "Northern Ireland Public Services Ombudsman",
                address: "Progressive House, 33 Wellington Place, Belfast, BT1 6HN",
                phone: "0800 34 34 24",
                website: "www.nipso.org.uk",
                name_cy: "Ombwdsmon Gwasanaethau Cyhoeddus Gogledd Iwerddon",
                time_limit: "within 6 months of the end of our complaints procedure",
                time_limit_cy: "o fewn 6 mis i ddiwedd ein gweithdrefn gwyno",
            },
        }
    }

    /// The Ombudsman a service area's complaints go to unless the council
    /// says otherwise: the Housing Ombudsman for a service whose name
    /// mentions housing, else the Local Government and Social Care
    /// Ombudsman.
    pub fn for_service_area(name: &str) -> Ombudsman {
        if name.to_lowercase().contains("housing") {
            Ombudsman::Housing
        } else {
            Ombudsman::Lgsco
        }
    }
}

/// The first decision on a case: is it a complaint at all?
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Triage {
    /// A complaint, handled through the stages.
    Complaint,
    /// A request for a service; recorded and monitored, not a complaint.
    ServiceRequest {
        /// What was done with it, or what the person was told.
        note: String,
    },
    /// Outside the procedure, for a stated reason.
    Excluded {
        /// The reason from the policy.
        reason: ExclusionReason,
        /// What the person was told, in the officer's words.
        note: String,
    },
}

impl Vocabulary for Triage {
    const NAME: &'static str = "triage";

    fn words() -> Vec<(&'static str, &'static str)> {
        vec![
            ("complaint", "Complaint"),
            ("service-request", "Service request"),
            ("excluded", "Excluded"),
        ]
    }
}

impl Triage {
    /// The stable identifier of the decision.
    pub fn slug(&self) -> &'static str {
        match self {
            Triage::Complaint => "complaint",
            Triage::ServiceRequest { .. } => "service-request",
            Triage::Excluded { .. } => "excluded",
        }
    }

    /// The label people read.
    pub fn label(&self) -> &'static str {
        match self {
            Triage::Complaint => "Complaint",
            Triage::ServiceRequest { .. } => "Service request",
            Triage::Excluded { .. } => "Excluded",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_read_from_slugs_labels_and_aliases() {
        assert_eq!(
            "Partly Upheld".parse::<Outcome>(),
            Ok(Outcome::PartlyUpheld)
        );
        assert_eq!(
            "partly-upheld".parse::<Outcome>(),
            Ok(Outcome::PartlyUpheld)
        );
        assert_eq!("not upheld".parse::<Outcome>(), Ok(Outcome::NotUpheld));
        assert_eq!("Telephone".parse::<Channel>(), Ok(Channel::Phone));
        assert_eq!("E-mail".parse::<Channel>(), Ok(Channel::Email));
        for channel in Channel::ALL {
            assert_eq!(channel.slug().parse::<Channel>(), Ok(*channel));
        }
    }

    #[test]
    fn an_unknown_term_lists_the_allowed_ones() {
        let err = "maybe".parse::<Outcome>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown outcome 'maybe': use one of upheld, partly-upheld, not-upheld"
        );
    }
}
