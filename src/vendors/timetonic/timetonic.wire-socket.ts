/**
 * TimeTonic socket frames (doc: "Attach user", "Send Message", "Ack Message", "Receive
 * Message", "Receive book updates", "Send Ping", "Ack Ping", "Send/Ack/Receive System message",
 * "Update a smart table value"): JSON objects told apart by a numeric `type`. Types only.
 */

/**
 * Frame types: 1 message, 2 ack of a message, 4 attach (the doc's example writes 7), 8 book
 * updates ready, 9 ping, 10 ack of a ping, 11 system message, 12 ack of one, 13 table value.
 */
export type TimetonicWireSocketType = 1 | 2 | 4 | 7 | 8 | 9 | 10 | 11 | 12 | 13;

/** Sent once after connecting: the session the socket belongs to. No answer is given. */
export interface TimetonicWireSocketAttach {
  type: 4 | 7;
  o_u: string;
  u_c: string;
  sesskey: string;
}

/** A message received from another client (type 1, server → client). */
export interface TimetonicWireSocketMessage {
  type: 1;
  u_c: string;
  uuid: string;
  smid: number;
  del: boolean;
  created: number;
  msg: string;
  /** Not in the doc's example; the simulator adds the book so a client knows where it goes. */
  b_o?: string;
  b_c?: string;
}

/** "New book updates are ready": the client should read what changed after its sstamp. */
export interface TimetonicWireSocketBookUpdates {
  type: 8;
  u_c: string;
}

export interface TimetonicWireSocketAck {
  type: 2 | 10 | 12;
  status: string;
  uuid?: string;
  smid?: number;
  sstamp?: number;
  created?: number;
  del?: boolean | number;
  /** With `status: "nok"`: why (not in the doc's examples; the simulator sends it, as HTTP answers do). */
  errorCode?: string;
  errorMsg?: string;
}

/** The documented system messages (doc: "System message list"). */
export type TimetonicWireSystemName = 'acceptInvitation' | 'clearNotRead' | 'logOpenBook' | 'updateBookParam' | 'updateUserInfo';

/** A system message sent (client → server, answered by an ack of type 12) or received from another client. */
export interface TimetonicWireSystemMessage {
  type: 11;
  u_c: string;
  o_u?: string;
  sesskey?: string;
  uuid?: string;
  msg: TimetonicWireSystemName;
  b_o?: string;
  b_c?: string;
  param?: string;
  value?: string;
}
