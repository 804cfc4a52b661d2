package fr.cpa.gateway;
class Placeholder {}
