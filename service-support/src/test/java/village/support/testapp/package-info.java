/** A test application on service-support alone. */
package village.support.testapp;
