//! Which queries give the same answer over the *bag* union of all graphs as over
//! the *set* union.
//!
//! The default graph the CLI and the endpoint query is the set union (RDF merge) of
//! all graphs ([`crate::serve::union::UnionDataset`]): a triple held by two article
//! graphs matches once. That dataset hands the evaluator decoded terms, so every join
//! hashes and compares strings; oxigraph's own union default graph
//! (`set_default_graph_as_union`) evaluates over its encoded terms and is several
//! times faster, but it is a *bag*: the triple matches once per graph.
//!
//! Most queries cannot tell the two apart. In the SPARQL algebra, the *distinct*
//! solutions of a join, left join, union, minus, filter, extend, projection and
//! ordering depend only on the distinct solutions of their inputs; duplicates only
//! multiply. Duplicates are then removed by `DISTINCT`, and a `GROUP BY` whose
//! aggregates ignore them (`COUNT(DISTINCT ...)`, `MIN`, `MAX`, `SUM(DISTINCT ...)`,
//! `AVG(DISTINCT ...)`) yields one row per group either way. [`bag_insensitive`]
//! checks that a query has that shape, conservatively: `LIMIT` / `OFFSET`,
//! counting aggregates, `SAMPLE`, `GROUP_CONCAT`, `SERVICE` and functions that
//! mint values per row (`BNODE`, `RAND`, `UUID`, `STRUUID`, custom functions) send
//! it to the set-union dataset. Every canned query qualifies.

use spargebra::algebra::{AggregateExpression, AggregateFunction, Expression, Function};
use spargebra::algebra::{GraphPattern, OrderExpression};
use spargebra::Query;

/// True when `query` gives the same result rows over the bag union of all graphs as
/// over their set union (see the module docs): a SELECT whose rows are made distinct
/// by `DISTINCT` or by a duplicate-insensitive `GROUP BY`, or an ASK, with nothing
/// below that counts duplicates. Queries naming their own dataset are not considered
/// here (the caller keeps them on the set-union path).
pub fn bag_insensitive(query: &Query) -> bool {
    match query {
        Query::Select { pattern, .. } => distinct_output(pattern),
        Query::Ask { pattern, .. } => support_only(pattern),
        _ => false,
    }
}

/// The rows of `p` are a function of the distinct solutions of its inputs, each once
/// (or, above that point, only reshaped row by row).
fn distinct_output(p: &GraphPattern) -> bool {
    match p {
        GraphPattern::Distinct { inner } => support_only(inner),
        GraphPattern::Group {
            inner, aggregates, ..
        } => aggregates.iter().all(|(_, a)| aggregate_ok(a)) && support_only(inner),
        GraphPattern::Project { inner, .. } => distinct_output(inner),
        GraphPattern::OrderBy { inner, expression } => {
            expression.iter().all(order_ok) && distinct_output(inner)
        }
        GraphPattern::Extend {
            inner, expression, ..
        } => expr_ok(expression) && distinct_output(inner),
        GraphPattern::Filter { expr, inner } => expr_ok(expr) && distinct_output(inner),
        _ => false,
    }
}

/// The distinct solutions of `p` depend only on the distinct solutions of the
/// patterns it reads (duplicates may change how often a row comes, never which rows).
fn support_only(p: &GraphPattern) -> bool {
    match p {
        GraphPattern::Bgp { .. } | GraphPattern::Path { .. } | GraphPattern::Values { .. } => true,
        GraphPattern::Join { left, right }
        | GraphPattern::Union { left, right }
        | GraphPattern::Minus { left, right } => support_only(left) && support_only(right),
        GraphPattern::LeftJoin {
            left,
            right,
            expression,
        } => support_only(left) && support_only(right) && expression.as_ref().is_none_or(expr_ok),
        GraphPattern::Filter { expr, inner } => expr_ok(expr) && support_only(inner),
        GraphPattern::Graph { inner, .. }
        | GraphPattern::Project { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner } => support_only(inner),
        GraphPattern::Extend {
            inner, expression, ..
        } => expr_ok(expression) && support_only(inner),
        GraphPattern::OrderBy { inner, expression } => {
            expression.iter().all(order_ok) && support_only(inner)
        }
        GraphPattern::Group {
            inner, aggregates, ..
        } => aggregates.iter().all(|(_, a)| aggregate_ok(a)) && support_only(inner),
        // LIMIT / OFFSET pick rows by position, SERVICE leaves the store.
        GraphPattern::Slice { .. } | GraphPattern::Service { .. } => false,
        // LATERAL and anything newer: not analysed.
        #[allow(unreachable_patterns)]
        _ => false,
    }
}

fn aggregate_ok(a: &AggregateExpression) -> bool {
    match a {
        AggregateExpression::CountSolutions { distinct } => *distinct,
        AggregateExpression::FunctionCall {
            name,
            expr,
            distinct,
        } => {
            let f = match name {
                AggregateFunction::Min | AggregateFunction::Max => true,
                AggregateFunction::Count | AggregateFunction::Sum | AggregateFunction::Avg => {
                    *distinct
                }
                // SAMPLE and GROUP_CONCAT follow the order rows come in.
                _ => false,
            };
            f && expr_ok(expr)
        }
    }
}

fn order_ok(o: &OrderExpression) -> bool {
    match o {
        OrderExpression::Asc(e) | OrderExpression::Desc(e) => expr_ok(e),
    }
}

/// An expression with the same value for equal rows, however often they come.
fn expr_ok(e: &Expression) -> bool {
    match e {
        Expression::NamedNode(_)
        | Expression::Literal(_)
        | Expression::Variable(_)
        | Expression::Bound(_) => true,
        Expression::Or(a, b)
        | Expression::And(a, b)
        | Expression::Equal(a, b)
        | Expression::SameTerm(a, b)
        | Expression::Greater(a, b)
        | Expression::GreaterOrEqual(a, b)
        | Expression::Less(a, b)
        | Expression::LessOrEqual(a, b)
        | Expression::Add(a, b)
        | Expression::Subtract(a, b)
        | Expression::Multiply(a, b)
        | Expression::Divide(a, b) => expr_ok(a) && expr_ok(b),
        Expression::UnaryPlus(a) | Expression::UnaryMinus(a) | Expression::Not(a) => expr_ok(a),
        Expression::In(a, list) => expr_ok(a) && list.iter().all(expr_ok),
        Expression::If(a, b, c) => expr_ok(a) && expr_ok(b) && expr_ok(c),
        Expression::Coalesce(list) => list.iter().all(expr_ok),
        Expression::Exists(p) => support_only(p),
        Expression::FunctionCall(f, args) => {
            let minted = matches!(
                f,
                Function::BNode | Function::Rand | Function::Uuid | Function::StrUuid
            );
            #[allow(unreachable_patterns)]
            let custom = matches!(f, Function::Custom(_));
            !minted && !custom && args.iter().all(expr_ok)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn safe(q: &str) -> bool {
        bag_insensitive(&crate::query::parse_query(q).unwrap())
    }

    #[test]
    fn distinct_and_duplicate_free_groups_qualify() {
        assert!(safe("SELECT DISTINCT ?s WHERE { ?s ?p ?o }"));
        assert!(safe(
            "SELECT ?s (COUNT(DISTINCT ?o) AS ?n) (MAX(?o) AS ?m) WHERE { ?s ?p ?o } GROUP BY ?s"
        ));
        assert!(safe(
            "SELECT DISTINCT ?s WHERE { ?s ?p ?o OPTIONAL { ?o ?q ?r } \
             FILTER NOT EXISTS { ?s a ?t } } ORDER BY ?s"
        ));
        assert!(safe("ASK { ?s ?p ?o }"));
        for c in crate::query::CANNED {
            assert!(safe(c.sparql), "{} should qualify", c.name);
        }
    }

    #[test]
    fn anything_that_counts_duplicates_does_not() {
        assert!(!safe("SELECT ?s WHERE { ?s ?p ?o }"));
        assert!(!safe("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"));
        assert!(!safe(
            "SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s"
        ));
        assert!(!safe("SELECT DISTINCT ?s WHERE { ?s ?p ?o } LIMIT 3"));
        assert!(!safe(
            "SELECT DISTINCT ?s ?n WHERE { { SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s } }"
        ));
        assert!(!safe(
            "SELECT DISTINCT ?b WHERE { ?s ?p ?o BIND(BNODE() AS ?b) }"
        ));
        assert!(!safe(
            "SELECT ?s (GROUP_CONCAT(DISTINCT ?o) AS ?all) WHERE { ?s ?p ?o } GROUP BY ?s"
        ));
        assert!(!safe("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"));
    }
}
