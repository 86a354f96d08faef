/**
 * Internal: the ZooKeeper config source ({@link dev.httpcon.zookeeper.ZooKeeperConfigSource}), a
 * MicroProfile Config source over Apache Curator that httpcon starts when
 * {@code httpclient.zookeeper.connect} is set, and only then: Curator and ZooKeeper are optional
 * dependencies, needed only by applications that use it. See {@code docs/cluster.md}.
 *
 * <p>Not API: this package may change without notice.
 */
package dev.httpcon.zookeeper;
