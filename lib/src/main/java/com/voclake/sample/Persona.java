package com.voclake.sample;

import java.time.LocalDate;

/**
 * What a text needs to know about its author: the car, where they live and shop, how to address
 * them, their phone (some people type it into a complaint) and the day they write.
 *
 * @param temper the customer's disposition in [-1, 1]: negative people complain more and escalate
 */
record Persona(World.CarModel model, World.City city, String dealerName, String surname, boolean male,
    String phoneDigits, SampleGenerator.Stage stage, double temper, LocalDate date) {

  boolean owner() {
    return stage == SampleGenerator.Stage.OWNER;
  }

  /** How an agent addresses the customer: 王先生, 李女士. */
  String address() {
    return surname + (male ? "先生" : "女士");
  }

  Persona on(LocalDate day) {
    return new Persona(model, city, dealerName, surname, male, phoneDigits, stage, temper, day);
  }
}
