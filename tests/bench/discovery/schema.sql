-- The departmental feeds (contracts/feeds.md) as PostgreSQL tables, for the reference run of the
-- discovery rules in rules.sql. Column order = the synthetic county's CSV column order.
CREATE UNLOGGED TABLE population (id_number text, name text, household_id text, relation text, birth_date date,
  hukou_type text, township text, village text, deceased_date date);
CREATE UNLOGGED TABLE civil_affairs (id_number text, program text, since date, until date);
CREATE UNLOGGED TABLE disability (id_number text, kind text, grade int, issued date);
CREATE UNLOGGED TABLE medical_insurance (id_number text, settled_date date, total_cost numeric, out_of_pocket numeric,
  inpatient boolean);
CREATE UNLOGGED TABLE health (id_number text, diagnosis text, date date, serious boolean);
CREATE UNLOGGED TABLE hr (id_number text, status text, since date, pension_monthly numeric);
CREATE UNLOGGED TABLE education (id_number text, school text, level text, status text, date date);
CREATE UNLOGGED TABLE housing (id_number text, status text, since date);
CREATE UNLOGGED TABLE emergency (id_number text, event text, date date, loss numeric);
CREATE UNLOGGED TABLE rural_revitalization (id_number text, category text, since date);
CREATE UNLOGGED TABLE income (id_number text, year int, annual_income numeric);
-- The rule set's program mapping and exclusions (assets/discovery/rules.json).
CREATE TABLE rule_weight (rule text PRIMARY KEY, weight numeric);
INSERT INTO rule_weight VALUES ('medical_burden',3),('severe_disability',3),('serious_illness',2),('elderly_alone',3),
  ('unemployed_with_dependents',2),('dropout',2),('disaster',3),('relapse_risk',2),('housing_hardship',1.5),
  ('earner_died',4),('orphaned_child',4);
CREATE TABLE rule_program (rule text, program text);
INSERT INTO rule_program VALUES
  ('medical_burden','medical'),('medical_burden','rigid_expense'),('medical_burden','temporary_expense'),('medical_burden','dibao'),
  ('severe_disability','dibao_separate'),('severe_disability','tekun'),('severe_disability','dibao'),
  ('serious_illness','medical'),('serious_illness','dibao_separate'),('serious_illness','temporary_emergency'),
  ('elderly_alone','tekun'),('elderly_alone','dibao'),
  ('unemployed_with_dependents','employment'),('unemployed_with_dependents','dibao'),('unemployed_with_dependents','dibao_edge'),
  ('dropout','education'),('dropout','dibao'),
  ('disaster','temporary_emergency'),('disaster','housing'),
  ('relapse_risk','dibao_edge'),('relapse_risk','dibao'),
  ('housing_hardship','housing'),
  ('earner_died','temporary_emergency'),('earner_died','dibao'),('earner_died','tekun'),
  ('orphaned_child','tekun'),('orphaned_child','education'),('orphaned_child','dibao');
CREATE TABLE exclusion (receiving text, program text);
INSERT INTO exclusion SELECT r, p FROM unnest(ARRAY['dibao','tekun']) r,
  unnest(ARRAY['dibao','dibao_separate','dibao_edge','tekun','rigid_expense','temporary_expense']) p;
