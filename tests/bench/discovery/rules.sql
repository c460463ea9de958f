-- The eleven default discovery rules of contracts/feeds.md in SQL, the benchmark's reference.
-- Same definitions as the engine: living members at :as_of, "last N months" = (as_of - N months,
-- as_of], ages in whole years, income = latest income year + 12 × pension, score = sum of the
-- fired rules' weights (exclusions change suggestions only), ordered by score then household id.
-- Run with psql -v as_of=YYYY-MM-DD; the result is the table queue_sql.
DROP TABLE IF EXISTS queue_sql, flags_sql;
CREATE TEMP TABLE flags_sql AS
WITH run_date AS (SELECT DATE :'as_of' AS d),
people AS (
  SELECT p.id_number, p.household_id, p.deceased_date, p.birth_date,
         (p.deceased_date IS NULL OR p.deceased_date > (SELECT d FROM run_date)) AS alive,
         date_part('year', age((SELECT d FROM run_date), p.birth_date))::int AS age
  FROM population p),
living AS (SELECT * FROM people WHERE alive),
latest_income AS (
  SELECT DISTINCT ON (id_number) id_number, year FROM income ORDER BY id_number, year DESC),
person_income AS (
  SELECT i.id_number, sum(i.annual_income) AS amount FROM income i
  JOIN latest_income l ON l.id_number = i.id_number AND l.year = i.year GROUP BY i.id_number
  UNION ALL
  SELECT id_number, sum(12 * pension_monthly) FROM hr WHERE status = 'pension' GROUP BY id_number),
household_income AS (
  SELECT l.household_id, sum(pi.amount) AS amount FROM living l JOIN person_income pi USING (id_number)
  GROUP BY l.household_id),
employment AS (
  SELECT DISTINCT ON (id_number) id_number, status FROM hr
  WHERE status IN ('unemployed_registered', 'employed') AND since <= (SELECT d FROM run_date)
  ORDER BY id_number, since DESC),
pensioners AS (SELECT DISTINCT id_number FROM hr WHERE status = 'pension'),
hh AS (
  SELECT household_id, count(*) AS members,
         bool_or(age < 16 OR age >= 60) AS has_dependent,
         bool_or(age < 18) AS has_minor,
         bool_or(age BETWEEN 18 AND 59) AS has_working_age
  FROM living GROUP BY household_id)
SELECT household_id, 'medical_burden' AS rule FROM (
  SELECT l.household_id, sum(m.out_of_pocket) AS oop FROM living l JOIN medical_insurance m USING (id_number)
  WHERE m.settled_date > (SELECT d FROM run_date) - interval '12 months' AND m.settled_date <= (SELECT d FROM run_date)
  GROUP BY l.household_id) x
  LEFT JOIN household_income hi USING (household_id)
  WHERE x.oop >= 10000 OR (x.oop > 0 AND x.oop >= 0.5 * coalesce(hi.amount, 0))
UNION
SELECT l.household_id, 'severe_disability' FROM living l JOIN disability d USING (id_number)
  WHERE d.grade <= 2 OR (d.kind IN ('intellectual', 'mental') AND d.grade <= 3)
UNION
SELECT l.household_id, 'serious_illness' FROM living l JOIN health h USING (id_number)
  WHERE h.serious AND h.date > (SELECT d FROM run_date) - interval '12 months' AND h.date <= (SELECT d FROM run_date)
UNION
SELECT l.household_id, 'elderly_alone' FROM living l JOIN hh USING (household_id)
  WHERE hh.members = 1 AND l.age >= 60 AND NOT EXISTS (SELECT 1 FROM pensioners p WHERE p.id_number = l.id_number)
UNION
SELECT l.household_id, 'unemployed_with_dependents' FROM living l JOIN employment e USING (id_number)
  JOIN hh USING (household_id)
  GROUP BY l.household_id, hh.has_dependent
  HAVING bool_or(e.status = 'unemployed_registered') AND NOT bool_or(e.status = 'employed') AND hh.has_dependent
UNION
SELECT l.household_id, 'dropout' FROM living l JOIN education e USING (id_number)
  WHERE e.status IN ('dropped_out', 'suspended')
    AND e.date > (SELECT d FROM run_date) - interval '12 months' AND e.date <= (SELECT d FROM run_date)
UNION
SELECT l.household_id, 'disaster' FROM living l JOIN emergency e USING (id_number)
  WHERE e.loss > 0 AND e.date > (SELECT d FROM run_date) - interval '6 months' AND e.date <= (SELECT d FROM run_date)
UNION
SELECT l.household_id, 'relapse_risk' FROM living l JOIN rural_revitalization r USING (id_number)
UNION
SELECT l.household_id, 'housing_hardship' FROM living l JOIN housing h USING (id_number)
  WHERE h.status IN ('dilapidated', 'hardship_registered')
UNION
SELECT p.household_id, 'earner_died' FROM people p JOIN hh USING (household_id)
  WHERE NOT p.alive AND p.deceased_date > (SELECT d FROM run_date) - interval '12 months'
    AND date_part('year', age(p.deceased_date, p.birth_date)) BETWEEN 18 AND 59 AND hh.has_dependent
UNION
SELECT household_id, 'orphaned_child' FROM hh WHERE has_minor AND NOT has_working_age;

-- Scores. Exclusions remove only suggested programs (contracts/feeds.md): every flag that fired
-- stays and counts, so the queue is the flagged households with the sum of their rules' weights.
CREATE TEMP TABLE queue_sql AS
SELECT f.household_id, sum(w.weight) AS score, array_agg(f.rule ORDER BY f.rule) AS rules
FROM flags_sql f JOIN rule_weight w USING (rule) GROUP BY f.household_id ORDER BY score DESC, household_id;
SELECT count(*) || ' ' || coalesce(sum(score), 0) FROM queue_sql;
