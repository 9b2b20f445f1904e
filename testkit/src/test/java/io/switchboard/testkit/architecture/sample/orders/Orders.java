package io.switchboard.testkit.architecture.sample.orders;

import io.switchboard.testkit.architecture.sample.stock.Stock;

/** A sample for the rules' own test: orders use stock, and stock uses orders back (a cycle). */
public class Orders {

    public int reserved(Stock stock) {
        return stock.count();
    }
}
