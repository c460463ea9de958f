-- The default discovery rules (assets/discovery/rules.json, contracts/feeds.md) in SQLite SQL: a
-- second implementation, written apart from the C++ engine, that the agreement test
-- (sql_agreement.py) compares with it household by household.
--
-- Input: raw_<feed> tables of TEXT columns named as in feeds.md plus `rn` (the record's order in
-- its file), filled by sql_agreement.py with Python's csv module; params(as_of, county).
-- Output: flags(household_id, rule), suggested(household_id, program) and dropped(file, rows).
--
-- What is kept and dropped follows docs/discovery.md: values are trimmed of spaces and tabs;
-- enumerations match case-insensitively; a row is dropped only when its ID number or a value a
-- rule (or the join) reads is unusable; exact copies of a row count once.

-- ---- cleaning helpers as views -------------------------------------------------------------
CREATE TEMP VIEW p AS
SELECT as_of, county, CAST(replace(as_of, '-', '') AS INTEGER) AS as_of_int,
       date(as_of, '-12 months') AS m12, date(as_of, '-6 months') AS m6
FROM params;

-- A valid ID number: 18 characters, 17 digits and a digit or X, the MOD 11-2 check character, a
-- real birth date from 1850 to the run date. Its key is the 17 leading digits.
CREATE TEMP TABLE ids AS
WITH all_ids AS (
  SELECT DISTINCT upper(trim(id_number, ' ' || char(9))) AS t FROM (
    SELECT id_number FROM raw_population UNION ALL SELECT id_number FROM raw_civil_affairs
    UNION ALL SELECT id_number FROM raw_disability UNION ALL SELECT id_number FROM raw_medical_insurance
    UNION ALL SELECT id_number FROM raw_health UNION ALL SELECT id_number FROM raw_hr
    UNION ALL SELECT id_number FROM raw_education UNION ALL SELECT id_number FROM raw_housing
    UNION ALL SELECT id_number FROM raw_emergency UNION ALL SELECT id_number FROM raw_rural_revitalization
    UNION ALL SELECT id_number FROM raw_income))
SELECT t, substr(t, 1, 17) AS k,
       CAST(substr(t, 7, 8) AS INTEGER) AS birth_int
FROM all_ids, p
WHERE length(t) = 18
  AND substr(t, 1, 17) NOT GLOB '*[^0-9]*'
  AND substr(t, 18, 1) GLOB '[0-9X]'
  AND substr('10X98765432', (
        7 * substr(t, 1, 1) + 9 * substr(t, 2, 1) + 10 * substr(t, 3, 1) + 5 * substr(t, 4, 1) +
        8 * substr(t, 5, 1) + 4 * substr(t, 6, 1) + 2 * substr(t, 7, 1) + 1 * substr(t, 8, 1) +
        6 * substr(t, 9, 1) + 3 * substr(t, 10, 1) + 7 * substr(t, 11, 1) + 9 * substr(t, 12, 1) +
        10 * substr(t, 13, 1) + 5 * substr(t, 14, 1) + 8 * substr(t, 15, 1) + 4 * substr(t, 16, 1) +
        2 * substr(t, 17, 1)) % 11 + 1, 1) = substr(t, 18, 1)
  AND date(substr(t, 7, 4) || '-' || substr(t, 11, 2) || '-' || substr(t, 13, 2)) =
      substr(t, 7, 4) || '-' || substr(t, 11, 2) || '-' || substr(t, 13, 2)
  AND CAST(substr(t, 7, 8) AS INTEGER) BETWEEN 18500101 AND p.as_of_int;
CREATE INDEX ids_t ON ids (t);
CREATE INDEX raw_population_rn ON raw_population (rn);

-- Cleaning of one value, by type, written inline below as:
--   text   trim(x, ' ' || char(9))
--   date   the trimmed text when it is YYYY-MM-DD, a real date, year ≥ 1850; else NULL
--   number the trimmed text as REAL when it is digits with at most one point; else NULL
--   bool   1 / 0 for true,1,yes,y,是 / false,0,no,n,否 (any case); else NULL
CREATE TEMP TABLE c_population AS
SELECT r.rn, i.k, i.birth_int,
       trim(r.household_id, ' ' || char(9)) AS household_id,
       trim(r.township, ' ' || char(9)) AS township,
       trim(r.deceased_date, ' ' || char(9)) AS died_text
FROM raw_population r JOIN ids i ON i.t = upper(trim(r.id_number, ' ' || char(9)));

-- Typed cells: NULL = empty or unusable.
CREATE TEMP VIEW t_population AS
SELECT rn, k, birth_int, household_id, township, died_text,
       CASE WHEN died_text GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(died_text) = died_text
                 AND died_text >= '1850-01-01'
            THEN CAST(replace(died_text, '-', '') AS INTEGER) END AS died
FROM c_population;

-- Registry rows kept: a household, a township of the county, a readable deceased_date (or none)
-- not before birth; the first row of an ID number wins.
CREATE TEMP TABLE population_ok AS
SELECT * FROM t_population, p
WHERE household_id <> ''
  AND length(township) = 9 AND township NOT GLOB '*[^0-9]*' AND substr(township, 1, 6) = p.county
  AND (died_text = '' OR died IS NOT NULL)
  AND (died IS NULL OR died >= birth_int);
CREATE TEMP TABLE first_row AS SELECT k, min(rn) AS rn FROM population_ok GROUP BY k;
CREATE INDEX first_row_rn ON first_row (rn);
CREATE TEMP TABLE people AS
SELECT o.k, household_id, birth_int, died,
       (died IS NULL OR died > (SELECT as_of_int FROM p)) AS alive,
       ((SELECT as_of_int FROM p) - birth_int) / 10000 AS age
FROM population_ok o JOIN first_row f ON f.rn = o.rn;
CREATE INDEX people_k ON people (k);
CREATE TEMP TABLE living AS SELECT * FROM people WHERE alive;
CREATE INDEX living_k ON living (k);
CREATE INDEX living_household ON living (household_id);

-- Conflicting registry copies (a later row of the same number that differs) are dropped rows.
CREATE TEMP VIEW population_conflicts AS
SELECT count(*) AS n
FROM population_ok o JOIN first_row f ON f.k = o.k AND f.rn <> o.rn
  JOIN raw_population a ON a.rn = o.rn JOIN raw_population b ON b.rn = f.rn
WHERE NOT (trim(a.name, ' ' || char(9)) = trim(b.name, ' ' || char(9))
       AND trim(a.household_id, ' ' || char(9)) = trim(b.household_id, ' ' || char(9))
       AND lower(trim(a.relation, ' ' || char(9))) = lower(trim(b.relation, ' ' || char(9)))
       AND lower(trim(a.hukou_type, ' ' || char(9))) = lower(trim(b.hukou_type, ' ' || char(9)))
       AND trim(a.township, ' ' || char(9)) = trim(b.township, ' ' || char(9))
       AND trim(a.village, ' ' || char(9)) = trim(b.village, ' ' || char(9))
       AND trim(a.deceased_date, ' ' || char(9)) = trim(b.deceased_date, ' ' || char(9)));

-- ---- the other feeds, typed; a row is kept when its ID and the values read are usable ----------
-- Each t_<feed> has the typed columns; each <feed>_ok the kept rows, exact copies once, joined to
-- people (rows of people outside the registry are ignored).

CREATE TEMP VIEW t_civil AS
SELECT r.rn, i.k,
       lower(trim(r.program, ' ' || char(9))) AS program, trim(r.program, ' ' || char(9)) AS program_raw,
       CASE WHEN trim(r.since, ' ' || char(9)) GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                 AND date(trim(r.since, ' ' || char(9))) = trim(r.since, ' ' || char(9))
                 AND trim(r.since, ' ' || char(9)) >= '1850-01-01' THEN trim(r.since, ' ' || char(9)) END AS since,
       trim(r.until, ' ' || char(9)) AS until_text,
       CASE WHEN trim(r.until, ' ' || char(9)) GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                 AND date(trim(r.until, ' ' || char(9))) = trim(r.until, ' ' || char(9))
                 AND trim(r.until, ' ' || char(9)) >= '1850-01-01' THEN trim(r.until, ' ' || char(9)) END AS until
FROM raw_civil_affairs r JOIN ids i ON i.t = upper(trim(r.id_number, ' ' || char(9)));
CREATE TEMP TABLE civil_ok AS
SELECT DISTINCT k,
       CASE WHEN program IN ('dibao', 'dibao_separate', 'dibao_edge', 'tekun', 'rigid_expense', 'temporary_emergency',
                             'temporary_expense', 'medical', 'education', 'employment', 'housing')
            THEN program ELSE program_raw END AS program, since, until FROM t_civil
WHERE program <> '' AND since IS NOT NULL AND (until_text = '' OR until IS NOT NULL);

CREATE TEMP VIEW t_disability AS
SELECT r.rn, i.k,
       lower(trim(r.kind, ' ' || char(9))) AS kind_l, trim(r.kind, ' ' || char(9)) AS kind,
       CASE WHEN trim(r.grade, ' ' || char(9)) <> '' AND trim(r.grade, ' ' || char(9)) NOT GLOB '*[^0-9]*'
                 AND CAST(trim(r.grade, ' ' || char(9)) AS INTEGER) BETWEEN 1 AND 4
            THEN CAST(trim(r.grade, ' ' || char(9)) AS INTEGER) END AS grade,
       CASE WHEN trim(r.issued, ' ' || char(9)) GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                 AND date(trim(r.issued, ' ' || char(9))) = trim(r.issued, ' ' || char(9))
            THEN trim(r.issued, ' ' || char(9)) END AS issued
FROM raw_disability r JOIN ids i ON i.t = upper(trim(r.id_number, ' ' || char(9)));
CREATE TEMP TABLE disability_ok AS
SELECT DISTINCT k,
       CASE WHEN kind_l IN ('physical', 'visual', 'hearing', 'speech', 'intellectual', 'mental', 'multiple')
            THEN kind_l ELSE kind END AS kind, grade, issued
FROM t_disability WHERE grade IS NOT NULL;

CREATE TEMP VIEW t_medical AS
SELECT r.rn, i.k,
       CASE WHEN trim(r.settled_date, ' ' || char(9)) GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                 AND date(trim(r.settled_date, ' ' || char(9))) = trim(r.settled_date, ' ' || char(9))
                 AND trim(r.settled_date, ' ' || char(9)) >= '1850-01-01'
            THEN trim(r.settled_date, ' ' || char(9)) END AS settled_date,
       CASE WHEN trim(r.total_cost, ' ' || char(9)) <> '' AND trim(r.total_cost, ' ' || char(9)) NOT GLOB '*[^0-9.]*'
                 AND trim(r.total_cost, ' ' || char(9)) NOT GLOB '*.*.*' AND trim(r.total_cost, ' ' || char(9)) <> '.'
            THEN CAST(trim(r.total_cost, ' ' || char(9)) AS REAL) END AS total_cost,
       CASE WHEN trim(r.out_of_pocket, ' ' || char(9)) <> '' AND trim(r.out_of_pocket, ' ' || char(9)) NOT GLOB '*[^0-9.]*'
                 AND trim(r.out_of_pocket, ' ' || char(9)) NOT GLOB '*.*.*' AND trim(r.out_of_pocket, ' ' || char(9)) <> '.'
            THEN CAST(trim(r.out_of_pocket, ' ' || char(9)) AS REAL) END AS out_of_pocket,
       CASE WHEN lower(trim(r.inpatient, ' ' || char(9))) IN ('true', '1', 'yes', 'y', '是') THEN 1
            WHEN lower(trim(r.inpatient, ' ' || char(9))) IN ('false', '0', 'no', 'n', '否') THEN 0 END AS inpatient
FROM raw_medical_insurance r JOIN ids i ON i.t = upper(trim(r.id_number, ' ' || char(9)));
CREATE TEMP TABLE medical_ok AS
SELECT DISTINCT k, settled_date, total_cost, out_of_pocket, inpatient FROM t_medical
WHERE settled_date IS NOT NULL AND out_of_pocket IS NOT NULL;

CREATE TEMP VIEW t_health AS
SELECT r.rn, i.k, trim(r.diagnosis, ' ' || char(9)) AS diagnosis,
       CASE WHEN trim(r.date, ' ' || char(9)) GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                 AND date(trim(r.date, ' ' || char(9))) = trim(r.date, ' ' || char(9))
                 AND trim(r.date, ' ' || char(9)) >= '1850-01-01' THEN trim(r.date, ' ' || char(9)) END AS date,
       CASE WHEN lower(trim(r.serious, ' ' || char(9))) IN ('true', '1', 'yes', 'y', '是') THEN 1
            WHEN lower(trim(r.serious, ' ' || char(9))) IN ('false', '0', 'no', 'n', '否') THEN 0 END AS serious
FROM raw_health r JOIN ids i ON i.t = upper(trim(r.id_number, ' ' || char(9)));
CREATE TEMP TABLE health_ok AS
SELECT DISTINCT k, diagnosis, date, serious FROM t_health WHERE date IS NOT NULL AND serious IS NOT NULL;

CREATE TEMP VIEW t_hr AS
SELECT r.rn, i.k, lower(trim(r.status, ' ' || char(9))) AS status_l, trim(r.status, ' ' || char(9)) AS status_raw,
       CASE WHEN trim(r.since, ' ' || char(9)) GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                 AND date(trim(r.since, ' ' || char(9))) = trim(r.since, ' ' || char(9))
                 AND trim(r.since, ' ' || char(9)) >= '1850-01-01' THEN trim(r.since, ' ' || char(9)) END AS since,
       CASE WHEN trim(r.pension_monthly, ' ' || char(9)) <> '' AND trim(r.pension_monthly, ' ' || char(9)) NOT GLOB '*[^0-9.]*'
                 AND trim(r.pension_monthly, ' ' || char(9)) NOT GLOB '*.*.*' AND trim(r.pension_monthly, ' ' || char(9)) <> '.'
            THEN CAST(trim(r.pension_monthly, ' ' || char(9)) AS REAL) END AS pension_monthly
FROM raw_hr r JOIN ids i ON i.t = upper(trim(r.id_number, ' ' || char(9)));
CREATE TEMP TABLE hr_dedup AS
SELECT k, status, since, pension_monthly, min(rn) AS rn FROM (
  SELECT rn, k, CASE WHEN status_l IN ('unemployed_registered', 'employed', 'pension') THEN status_l ELSE status_raw END AS status,
         since, pension_monthly FROM t_hr WHERE status_raw <> '' AND since IS NOT NULL)
GROUP BY k, status, since, pension_monthly;

CREATE TEMP VIEW t_education AS
SELECT r.rn, i.k, trim(r.school, ' ' || char(9)) AS school,
       lower(trim(r.level, ' ' || char(9))) AS level_l, trim(r.level, ' ' || char(9)) AS level_raw,
       lower(trim(r.status, ' ' || char(9))) AS status_l, trim(r.status, ' ' || char(9)) AS status_raw,
       CASE WHEN trim(r.date, ' ' || char(9)) GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                 AND date(trim(r.date, ' ' || char(9))) = trim(r.date, ' ' || char(9))
                 AND trim(r.date, ' ' || char(9)) >= '1850-01-01' THEN trim(r.date, ' ' || char(9)) END AS date
FROM raw_education r JOIN ids i ON i.t = upper(trim(r.id_number, ' ' || char(9)));
CREATE TEMP TABLE education_ok AS
SELECT DISTINCT k, school, level_l, status_l, date FROM t_education
WHERE status_raw <> '' AND date IS NOT NULL;

CREATE TEMP VIEW t_housing AS
SELECT r.rn, i.k, lower(trim(r.status, ' ' || char(9))) AS status_l, trim(r.status, ' ' || char(9)) AS status_raw,
       trim(r.since, ' ' || char(9)) AS since
FROM raw_housing r JOIN ids i ON i.t = upper(trim(r.id_number, ' ' || char(9)));
CREATE TEMP TABLE housing_ok AS SELECT DISTINCT k, status_l, since FROM t_housing WHERE status_raw <> '';

CREATE TEMP VIEW t_emergency AS
SELECT r.rn, i.k, trim(r.event, ' ' || char(9)) AS event,
       CASE WHEN trim(r.date, ' ' || char(9)) GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                 AND date(trim(r.date, ' ' || char(9))) = trim(r.date, ' ' || char(9))
                 AND trim(r.date, ' ' || char(9)) >= '1850-01-01' THEN trim(r.date, ' ' || char(9)) END AS date,
       CASE WHEN trim(r.loss, ' ' || char(9)) <> '' AND trim(r.loss, ' ' || char(9)) NOT GLOB '*[^0-9.]*'
                 AND trim(r.loss, ' ' || char(9)) NOT GLOB '*.*.*' AND trim(r.loss, ' ' || char(9)) <> '.'
            THEN CAST(trim(r.loss, ' ' || char(9)) AS REAL) END AS loss
FROM raw_emergency r JOIN ids i ON i.t = upper(trim(r.id_number, ' ' || char(9)));
CREATE TEMP TABLE emergency_ok AS
SELECT DISTINCT k, event, date, loss FROM t_emergency WHERE date IS NOT NULL AND loss IS NOT NULL;

CREATE TEMP VIEW t_rural AS
SELECT r.rn, i.k FROM raw_rural_revitalization r JOIN ids i ON i.t = upper(trim(r.id_number, ' ' || char(9)));

CREATE TEMP VIEW t_income AS
SELECT r.rn, i.k,
       CASE WHEN trim(r.year, ' ' || char(9)) <> '' AND trim(r.year, ' ' || char(9)) NOT GLOB '*[^0-9]*'
                 AND CAST(trim(r.year, ' ' || char(9)) AS INTEGER) BETWEEN 1900 AND 2200
            THEN CAST(trim(r.year, ' ' || char(9)) AS INTEGER) END AS year,
       CASE WHEN trim(r.annual_income, ' ' || char(9)) <> '' AND trim(r.annual_income, ' ' || char(9)) NOT GLOB '*[^0-9.]*'
                 AND trim(r.annual_income, ' ' || char(9)) NOT GLOB '*.*.*' AND trim(r.annual_income, ' ' || char(9)) <> '.'
            THEN CAST(trim(r.annual_income, ' ' || char(9)) AS REAL) END AS amount
FROM raw_income r JOIN ids i ON i.t = upper(trim(r.id_number, ' ' || char(9)));
CREATE TEMP TABLE income_ok AS
SELECT DISTINCT k, year, amount FROM t_income WHERE year IS NOT NULL AND amount IS NOT NULL;

-- ---- dropped rows per file (rows whose ID or a read value is unusable) -----------------------
CREATE TEMP TABLE dropped AS
SELECT 'population.csv' AS file,
       (SELECT count(*) FROM raw_population) - (SELECT count(*) FROM population_ok)
       + (SELECT n FROM population_conflicts) AS rows
UNION ALL SELECT 'civil_affairs.csv', (SELECT count(*) FROM raw_civil_affairs) - (SELECT count(*) FROM t_civil
  WHERE program <> '' AND since IS NOT NULL AND (until_text = '' OR until IS NOT NULL))
UNION ALL SELECT 'disability.csv', (SELECT count(*) FROM raw_disability) - (SELECT count(*) FROM t_disability WHERE grade IS NOT NULL)
UNION ALL SELECT 'medical_insurance.csv', (SELECT count(*) FROM raw_medical_insurance)
  - (SELECT count(*) FROM t_medical WHERE settled_date IS NOT NULL AND out_of_pocket IS NOT NULL)
UNION ALL SELECT 'health.csv', (SELECT count(*) FROM raw_health)
  - (SELECT count(*) FROM t_health WHERE date IS NOT NULL AND serious IS NOT NULL)
UNION ALL SELECT 'hr.csv', (SELECT count(*) FROM raw_hr) - (SELECT count(*) FROM t_hr WHERE status_raw <> '' AND since IS NOT NULL)
UNION ALL SELECT 'education.csv', (SELECT count(*) FROM raw_education)
  - (SELECT count(*) FROM t_education WHERE status_raw <> '' AND date IS NOT NULL)
UNION ALL SELECT 'housing.csv', (SELECT count(*) FROM raw_housing) - (SELECT count(*) FROM t_housing WHERE status_raw <> '')
UNION ALL SELECT 'emergency.csv', (SELECT count(*) FROM raw_emergency)
  - (SELECT count(*) FROM t_emergency WHERE date IS NOT NULL AND loss IS NOT NULL)
UNION ALL SELECT 'rural_revitalization.csv', (SELECT count(*) FROM raw_rural_revitalization) - (SELECT count(*) FROM t_rural)
UNION ALL SELECT 'income.csv', (SELECT count(*) FROM raw_income)
  - (SELECT count(*) FROM t_income WHERE year IS NOT NULL AND amount IS NOT NULL);

-- ---- per person and per household facts ----------------------------------------------------
CREATE TEMP TABLE latest_year AS SELECT k, max(year) AS year FROM income_ok GROUP BY k;
CREATE TEMP TABLE person_income AS
SELECT k, sum(amount) AS amount FROM (
  SELECT i.k, i.amount FROM income_ok i JOIN latest_year y ON y.k = i.k AND y.year = i.year
  UNION ALL
  SELECT k, 12 * pension_monthly FROM hr_dedup WHERE status = 'pension' AND pension_monthly IS NOT NULL)
GROUP BY k;
CREATE TEMP TABLE pensioners AS SELECT DISTINCT k FROM hr_dedup WHERE status = 'pension';
-- Employment: the most recent unemployed/employed row started by the run date (a later row wins a tie).
CREATE TEMP TABLE employment AS
SELECT k, status FROM (
  SELECT k, status, row_number() OVER (PARTITION BY k ORDER BY since DESC, rn DESC) AS nth
  FROM hr_dedup WHERE status IN ('unemployed_registered', 'employed') AND since <= (SELECT as_of FROM p))
WHERE nth = 1;
CREATE INDEX employment_k ON employment (k);
CREATE INDEX person_income_k ON person_income (k);
CREATE TEMP TABLE hh AS
SELECT household_id, count(*) AS members,
       max(age < 16 OR age >= 60) AS has_dependent,
       max(age < 18) AS has_minor,
       max(age BETWEEN 18 AND 59) AS has_working_age
FROM living GROUP BY household_id;

-- ---- the eleven rules ------------------------------------------------------------------------
CREATE TEMP TABLE flags AS
SELECT household_id, 'medical_burden' AS rule FROM (
  SELECT l.household_id, sum(m.out_of_pocket) AS oop FROM living l JOIN medical_ok m ON m.k = l.k, p
  WHERE m.settled_date > p.m12 AND m.settled_date <= p.as_of
  GROUP BY l.household_id) x
  LEFT JOIN (SELECT l.household_id, sum(pi.amount) AS amount FROM living l JOIN person_income pi ON pi.k = l.k
             GROUP BY l.household_id) hi USING (household_id)
  WHERE x.oop >= 10000 OR (x.oop > 0 AND x.oop >= 0.5 * coalesce(hi.amount, 0))
UNION
SELECT l.household_id, 'severe_disability' FROM living l JOIN disability_ok d ON d.k = l.k
  WHERE d.grade <= 2 OR (d.kind IN ('intellectual', 'mental') AND d.grade <= 3)
UNION
SELECT l.household_id, 'serious_illness' FROM living l JOIN health_ok h ON h.k = l.k, p
  WHERE h.serious = 1 AND h.date > p.m12 AND h.date <= p.as_of
UNION
SELECT l.household_id, 'elderly_alone' FROM living l JOIN hh USING (household_id)
  WHERE hh.members = 1 AND l.age >= 60 AND l.k NOT IN (SELECT k FROM pensioners)
UNION
SELECT household_id, 'unemployed_with_dependents' FROM hh
  WHERE has_dependent
    AND EXISTS (SELECT 1 FROM living l JOIN employment e ON e.k = l.k
                WHERE l.household_id = hh.household_id AND e.status = 'unemployed_registered')
    AND NOT EXISTS (SELECT 1 FROM living l JOIN employment e ON e.k = l.k
                    WHERE l.household_id = hh.household_id AND e.status = 'employed')
UNION
SELECT l.household_id, 'dropout' FROM living l JOIN education_ok e ON e.k = l.k, p
  WHERE e.status_l IN ('dropped_out', 'suspended') AND e.date > p.m12 AND e.date <= p.as_of
UNION
SELECT l.household_id, 'disaster' FROM living l JOIN emergency_ok e ON e.k = l.k, p
  WHERE e.loss > 0 AND e.date > p.m6 AND e.date <= p.as_of
UNION
SELECT l.household_id, 'relapse_risk' FROM living l JOIN t_rural r ON r.k = l.k
UNION
SELECT l.household_id, 'housing_hardship' FROM living l JOIN housing_ok h ON h.k = l.k
  WHERE h.status_l IN ('dilapidated', 'hardship_registered')
UNION
SELECT pe.household_id, 'earner_died' FROM people pe JOIN hh USING (household_id), p
  WHERE NOT pe.alive
    AND pe.died > CAST(replace(p.m12, '-', '') AS INTEGER) AND pe.died <= p.as_of_int
    AND (pe.died - pe.birth_int) / 10000 BETWEEN 18 AND 59 AND hh.has_dependent
UNION
SELECT household_id, 'orphaned_child' FROM hh WHERE has_minor AND NOT has_working_age;

-- ---- suggestions: the fired rules' programs minus what the household receives and what the
-- exclusions list for that (every flag stays; only suggestions are removed) -----------------
-- The mapping of assets/discovery/rules.json, written out.
CREATE TEMP TABLE rule_program (rule TEXT, program TEXT);
INSERT INTO rule_program VALUES
  ('medical_burden', 'medical'),
  ('medical_burden', 'rigid_expense'),
  ('medical_burden', 'temporary_expense'),
  ('medical_burden', 'dibao'),
  ('severe_disability', 'dibao_separate'),
  ('severe_disability', 'tekun'),
  ('severe_disability', 'dibao'),
  ('serious_illness', 'medical'),
  ('serious_illness', 'dibao_separate'),
  ('serious_illness', 'temporary_emergency'),
  ('elderly_alone', 'tekun'),
  ('elderly_alone', 'dibao'),
  ('unemployed_with_dependents', 'employment'),
  ('unemployed_with_dependents', 'dibao'),
  ('unemployed_with_dependents', 'dibao_edge'),
  ('dropout', 'education'),
  ('dropout', 'dibao'),
  ('disaster', 'temporary_emergency'),
  ('disaster', 'housing'),
  ('relapse_risk', 'dibao_edge'),
  ('relapse_risk', 'dibao'),
  ('housing_hardship', 'housing'),
  ('earner_died', 'temporary_emergency'),
  ('earner_died', 'dibao'),
  ('earner_died', 'tekun'),
  ('orphaned_child', 'tekun'),
  ('orphaned_child', 'education'),
  ('orphaned_child', 'dibao');
CREATE TEMP TABLE exclusion (receiving TEXT, program TEXT);
INSERT INTO exclusion VALUES
  ('dibao', 'dibao'),
  ('dibao', 'dibao_separate'),
  ('dibao', 'dibao_edge'),
  ('dibao', 'tekun'),
  ('dibao', 'rigid_expense'),
  ('dibao', 'temporary_expense'),
  ('tekun', 'dibao'),
  ('tekun', 'dibao_separate'),
  ('tekun', 'dibao_edge'),
  ('tekun', 'tekun'),
  ('tekun', 'rigid_expense'),
  ('tekun', 'temporary_expense');
CREATE TEMP TABLE receiving AS
SELECT DISTINCT l.household_id, c.program FROM living l JOIN civil_ok c ON c.k = l.k, p
WHERE c.since <= p.as_of AND (c.until IS NULL OR c.until > p.as_of);
CREATE TEMP TABLE suggested AS
SELECT DISTINCT f.household_id, rp.program FROM flags f JOIN rule_program rp ON rp.rule = f.rule
WHERE rp.program NOT IN (SELECT program FROM receiving r WHERE r.household_id = f.household_id)
  AND rp.program NOT IN (SELECT e.program FROM receiving r JOIN exclusion e ON e.receiving = r.program
                         WHERE r.household_id = f.household_id);
