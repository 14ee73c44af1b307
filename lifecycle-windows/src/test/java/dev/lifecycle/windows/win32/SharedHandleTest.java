// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.win32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedHandleTest {

    private final List<Long> closed = new ArrayList<>();

    @Test
    void closingTheOwnersHandleClosesItOnce() {
        SharedHandle h = new SharedHandle(42, closed::add);
        h.close();
        h.close();
        assertEquals(List.of(42L), closed);
    }

    @Test
    void aBorrowedHandleStaysOpenUntilGivenBack() {
        SharedHandle h = new SharedHandle(42, closed::add);
        assertTrue(h.borrow());
        h.close();
        assertTrue(h.isClosed());
        assertEquals(List.of(), closed, "closed under a borrower's feet");
        h.giveBack();
        assertEquals(List.of(42L), closed);
    }

    @Test
    void aClosedHandleCannotBeBorrowed() {
        SharedHandle h = new SharedHandle(42, closed::add);
        h.close();
        assertFalse(h.borrow());
    }

    @Test
    void givingBackMoreThanBorrowedIsABug() {
        SharedHandle h = new SharedHandle(42, closed::add);
        h.close();
        assertThrows(IllegalStateException.class, h::giveBack);
    }

    @Test
    void aNullHandleIsNotShared() {
        assertThrows(IllegalArgumentException.class, () -> new SharedHandle(0, closed::add));
    }
}
