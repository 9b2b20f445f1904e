package io.switchboard.testkit.architecture.sample.stock;

import io.switchboard.testkit.architecture.sample.orders.Orders;

public class Stock {

    public int count() {
        return 1;
    }

    int back(Orders orders) {
        return orders.reserved(this);
    }
}
