/**
 * The SIP application: one servlet, {@code router}, that receives every initial request the
 * container routes to this application. Declared by annotations; the WAR has no {@code sip.xml}.
 */
@SipApplication(name = "sip-servlet", mainServlet = "router")
package dev.httpcon.examples.sipservlet;

import javax.servlet.sip.annotation.SipApplication;
