/**
 * The JPA adapters of the store ports: the one owner of table names and SQL.
 *
 * <p>An entity's JPQL name is its table's name in PascalCase ({@code item_stock} is {@code ItemStock},
 * {@code orders} is {@code Orders}), set by {@code @Entity(name = ...)}, so that no JPQL string names a Java class:
 * renaming or moving a class changes no query. A named query is
 * {@code <entity name>.<verb>By<criteria>} ({@code find}, {@code count}, {@code update}, {@code delete}; {@code All}
 * when nothing narrows it), held in a constant of the same words ({@code FIND_BY_IDS}). A query that selects some
 * values of a row lists them and names its result type in Java ({@code createNamedQuery(name, Row.class)}):
 * Hibernate builds the record through its constructor, with no {@code select new} spelling the class.
 */
package com.ecommerce.adapter.out.persistence;
