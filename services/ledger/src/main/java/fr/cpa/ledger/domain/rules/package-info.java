/**
 * The rights engine: yearly credits of the CPF, CEC and CPP computed as formulas by period, in the manner of
 * OpenFisca. Plain Java (no CDI, no database): the service builds the rule classes from {@link
 * fr.cpa.ledger.domain.rules.LedgerRuleBooks#load()} and calls them. Every legal figure is a dated parameter of a rule
 * book ({@code rules/*.json}); a credit lists the parameters it read with their sources.
 *
 * <p>Decisions (rules.md leaves them open):
 * <ul>
 * <li>Parameters of a yearly rule are read on 1 January of the year (OpenFisca reads a year at its start); CPP ones on
 * the first day of each quarter.</li>
 * <li>Effective date of a yearly credit: 31 December of the year of activity. The journal posts it in the next first
 * quarter (seeds 003), but the rights are those of that year: a 2018 credit is in hours and is part of the hours
 * converted on 1 January 2019.</li>
 * <li>Full-time reference: the legal yearly duration (1 607 h, parameter), unless the caller passes the reference of
 * the declaration (durée conventionnelle). With several employers the caller sums the hours and the legal duration
 * applies. Worked time above the reference counts as full time.</li>
 * <li>Opening at 16 (15 with an apprenticeship contract) during the year: the year earns a credit, prorated — worked
 * time counts up to the full-time duration of the days from the birthday to 31 December (seeds 003 opens the account
 * "à 16 ans" but says nothing of the first year; time worked before the birthday cannot be told apart, so it is
 * capped, not removed). Retirement during the year caps the same way up to the day before retirement.</li>
 * <li>Death: the account closes on the date of death; no credit whose effective date (31 December) is on or after it,
 * so the year of death earns nothing (the rights could not be used by anyone).</li>
 * <li>2015–2018 step: 24 h a year until the earned balance reaches 120 h, then 12 h a year for the rest of that year's
 * worked time (the year is split exactly, e.g. 108 h + full year = 12 h + 6 h = 18 h).</li>
 * <li>2019–: at least half the legal duration earns the full credit; below half, the credit is prorated on the whole
 * legal duration (40 % of the time earns 40 % of 500 €).</li>
 * <li>ESAT workers: a full credit for any year of admission, whatever the working time (L. 6323-34 "à temps plein ou à
 * temps partiel", check); from 2017 only; the low-qualification rate is an employee rule and does not apply to them.</li>
 * <li>Public servants: hours always; 2017–2019 the 24 h / 120 h / 12 h / 150 h scheme (48 h / 400 h for category C
 * without level V), from 2020 25 h / 150 h (50 h / 400 h), all marked check; prorated on worked time like 2015–2018
 * (a part-time agent whose service counts as full time should be declared with full-time hours). None before 2017.</li>
 * <li>Ceiling: a credit that would cross it is cut to reach it exactly; at or above it, zero. The caller's earned
 * balance excludes top-ups (abondements); the engine trusts it.</li>
 * <li>Rounding: exact fractions, rounded once, half up, to the minute or the cent.</li>
 * <li>CEC: one credit per kind of activity and year, each cut by the ceiling in turn (fiche CEC: "par nature
 * d'activité"); accrues after retirement; needs the account open on 31 December.</li>
 * <li>CPP: the ten C3P factors are kept with their dates (four stopped on 1 October 2017); the ceiling counts points
 * ever acquired; no ceiling from 1 September 2023; no points for quarters starting on or after retirement; no age
 * condition (the account opens on the first declaration). Reserved training points are a parameter keyed by birth
 * date; training may use any point, other uses cannot touch points still reserved.</li>
 * </ul>
 */
package fr.cpa.ledger.domain.rules;
