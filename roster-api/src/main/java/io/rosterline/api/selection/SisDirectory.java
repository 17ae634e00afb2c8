package io.rosterline.api.selection;

import io.rosterline.sis.RosterReader;

import java.util.UUID;

/**
 * Opens a reader of a district's SIS with the district's stored connection. The credentials feature's source gateway
 * (io.rosterline.api.source) backs the implementation ({@link GatewaySisDirectory}). Until a district is
 * connected, open() throws a ProblemException that says so.
 */
public interface SisDirectory {

    RosterReader open(UUID districtId);
}
